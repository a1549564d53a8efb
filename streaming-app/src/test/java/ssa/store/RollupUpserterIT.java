package ssa.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import ssa.config.JobSettings;
import ssa.config.TestConfigs;
import ssa.launcher.cassandra.LocalCassandraExtension;
import ssa.rollup.BatchId;
import ssa.rollup.Grain;
import ssa.rollup.RollupDefinition;
import ssa.rollup.RollupKey;
import ssa.rollup.RollupValue;
import ssa.rollup.StoredRollup;

/**
 * One job whose batches switch between holding the coarser rows back (many of them changed) and
 * writing every grain (few): what a batch held must reach Cassandra, summed with what later batches
 * add, before any batch writes those rows itself.
 */
@ExtendWith(LocalCassandraExtension.class)
class RollupUpserterIT {
  private static final String KEYSPACE = "it_upserter";
  private static final String JOB = "it_upserter";
  private static final Instant MINUTE = Instant.parse("2026-03-01T10:15:00Z");

  /** Two keys' coarser rows (4 grains each) are enough to hold back; one key's are not. */
  private static final int MIN_ROWS = 5;

  private static JobSettings settings;
  private static CqlSession session;
  private static RollupDefinition perApi;

  @BeforeAll
  static void keyspace() {
    settings =
        TestConfigs.settings(
            "ssa.job { name = "
                + JOB
                + ", cassandra.keyspace = "
                + KEYSPACE
                + "\n"
                + TestConfigs.cassandraFromEnvironment()
                + " }");
    session = Sessions.open(settings.cassandra());
    session.execute("DROP KEYSPACE IF EXISTS " + KEYSPACE);
    SchemaApplier.apply(session, KEYSPACE, settings.cassandra().replication());
    perApi = settings.rollups().stream().filter(d -> d.name().equals("per_api")).findFirst().get();
  }

  @AfterAll
  static void close() {
    session.close();
  }

  @Test
  void should_write_held_rows_before_a_batch_that_holds_nothing_back() {
    RollupUpserter upserter = upserter();
    upserter.upsert(events(Map.of("a", 3L, "b", 5L)), new BatchId("q", 1), null);
    assertThat(stored(row("a", Grain.HOUR))).as("hour row held back by batch 1").isNull();
    assertThat(stored(row("a", Grain.MINUTE)).value().count()).isEqualTo(3);

    upserter.upsert(events(Map.of("a", 2L)), new BatchId("q", 2), MINUTE);
    for (Grain grain : List.of(Grain.HOUR, Grain.DAY, Grain.MONTH, Grain.YEAR)) {
      assertThat(stored(row("a", grain)).value().count()).as("a, %s", grain).isEqualTo(5);
      assertThat(stored(row("b", grain)).value().count()).as("b, %s", grain).isEqualTo(5);
    }
    assertThat(new PendingRollups(session, KEYSPACE, JOB).all()).as("notes left").isEmpty();

    // Held back again, then written by the stop, on top of what is stored.
    upserter.upsert(events(Map.of("a", 1L, "b", 1L)), new BatchId("q", 3), MINUTE);
    assertThat(stored(row("b", Grain.DAY)).value().count()).isEqualTo(5);
    upserter.writePending();
    assertThat(stored(row("a", Grain.YEAR)).value().count()).isEqualTo(6);
    assertThat(stored(row("b", Grain.YEAR)).value().count()).isEqualTo(6);
  }

  private static RollupUpserter upserter() {
    return new RollupUpserter(
        session,
        KEYSPACE,
        JOB,
        settings.rollups(),
        DefaultConsistencyLevel.ONE,
        1_000,
        Duration.ofHours(1),
        MIN_ROWS);
  }

  /** A batch's partial values: the given count of events per key, in one minute, every grain. */
  private static Map<RollupKey, RollupValue> events(Map<String, Long> counts) {
    Map<RollupKey, RollupValue> partials = new HashMap<>();
    counts.forEach(
        (key, count) -> {
          for (Grain grain : perApi.grains()) {
            partials.put(row(key, grain), RollupValue.of(count, 0, Map.of(), Map.of(), Map.of()));
          }
        });
    return partials;
  }

  private static RollupKey row(String key, Grain grain) {
    return RollupKey.of(perApi.name(), grain, key, MINUTE);
  }

  private static StoredRollup stored(RollupKey key) {
    List<StoredRollup> found = new ArrayList<>();
    new RollupStore(session, KEYSPACE)
        .forEachBucket(List.of(key).iterator(), k -> k, (k, row) -> found.add(row));
    return found.get(0);
  }
}
