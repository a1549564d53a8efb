package ssa.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datastax.oss.driver.api.core.CqlIdentifier;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import ssa.cli.Migration;
import ssa.config.JobSettings;
import ssa.launcher.cassandra.LocalCassandraExtension;
import ssa.store.SchemaApplier;

/**
 * A keyspace made by the schema before partitions were bounded by hour: the job refuses it at
 * start, naming the command, and {@code run.sh migrate} ({@link Migration}) rewrites it with every
 * row kept.
 */
@ExtendWith(LocalCassandraExtension.class)
class MigrateIT {
  private static final String NAME = "it_migrate";

  @Test
  void should_refuse_an_old_keyspace_then_migrate_it_keeping_every_row() throws Exception {
    JobSettings settings = ItSupport.jobSettings(NAME, 1);
    String ks = settings.cassandra().keyspace();
    try (CqlSession session = ItSupport.freshKeyspace(settings)) {
      session.execute("DROP TABLE " + ks + ".events_raw");
      session.execute("DROP TABLE " + ks + ".dead_letter");
      session.execute("DROP TABLE " + ks + ".rollups");
      session.execute(
          "CREATE TABLE "
              + ks
              + ".rollups (grain text, key text, period timestamp, bucket timestamp, count bigint,"
              + " error_count bigint, sum frozen<map<text, double>>, min frozen<map<text, double>>,"
              + " max frozen<map<text, double>>, updated_at timestamp, applied_batch text,"
              + " prior_count bigint, prior_error_count bigint,"
              + " prior_sum frozen<map<text, double>>, prior_min frozen<map<text, double>>,"
              + " prior_max frozen<map<text, double>>,"
              + " PRIMARY KEY ((grain, key, period), bucket))");
      session.execute(
          "INSERT INTO "
              + ks
              + ".rollups (grain, key, period, bucket, count, error_count, sum, min, max,"
              + " updated_at, applied_batch, prior_count, prior_error_count, prior_sum, prior_min,"
              + " prior_max) VALUES ('hour', '/a', '2026-03-01', '2026-03-01T10:00:00Z', 4, 1,"
              + " {'latency_ms': 10.0}, {'latency_ms': 1.0}, {'latency_ms': 4.0},"
              + " '2026-03-01T11:00:00Z', 'q/3', 3, 1, {'latency_ms': 6.0}, {'latency_ms': 1.0},"
              + " {'latency_ms': 3.0})");
      session.execute(
          "CREATE TABLE "
              + ks
              + ".events_raw (key text, day date, event_time timestamp, id text,"
              + " received_at timestamp, measures frozen<map<text, double>>,"
              + " attributes frozen<map<text, text>>, PRIMARY KEY ((key, day), event_time, id))");
      session.execute(
          "CREATE TABLE "
              + ks
              + ".dead_letter (day date, received_at timestamp, position bigint, line text,"
              + " reason text, PRIMARY KEY ((day), received_at, position))");
      session.execute("ALTER TABLE " + ks + ".batch_stats WITH default_time_to_live = 0");
      LocalDate day = LocalDate.parse("2026-03-01");
      for (String time :
          List.of("2026-03-01T10:15:00Z", "2026-03-01T10:59:59Z", "2026-03-01T23:00:00Z")) {
        session.execute(
            "INSERT INTO "
                + ks
                + ".events_raw (key, day, event_time, id, received_at, measures, attributes)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)",
            "/a",
            day,
            Instant.parse(time),
            "id-" + time,
            Instant.parse(time),
            Map.of("latency_ms", 1.5),
            Map.of("status", "200"));
      }
      session.execute(
          "INSERT INTO "
              + ks
              + ".dead_letter (day, received_at, position, line, reason) VALUES (?, ?, ?, ?, ?)",
          day,
          Instant.parse("2026-03-01T07:30:00Z"),
          42L,
          "not json",
          "malformed");

      assertThatThrownBy(() -> SchemaApplier.apply(session, ks, settings.cassandra().replication()))
          .hasMessageContaining("events_raw (key, day)")
          .hasMessageContaining("dead_letter (day)")
          .hasMessageContaining("rollups (grain, key, period)")
          .hasMessageContaining("./run.sh migrate");

      Path copies = Files.createTempDirectory("ssa-migrate-it");
      Map<String, Long> rewritten =
          new Migration(settings, copies.toUri().toString()).run(ItSupport.spark(settings));

      assertThat(rewritten)
          .containsEntry("events_raw", 3L)
          .containsEntry("dead_letter", 1L)
          .containsEntry("rollups", 1L)
          .containsEntry("rollup_keys", 1L);
      assertThat(
              session
                  .execute("SELECT key FROM " + ks + ".rollup_keys WHERE rollup = 'per_api'")
                  .one()
                  .getString("key"))
          .isEqualTo("/a");
      Row hour =
          session
              .execute(
                  "SELECT count, sum, samples, prior_samples, avg, applied_batch FROM "
                      + ks
                      + ".rollups WHERE rollup = 'per_api' AND grain = 'hour' AND key = '/a'"
                      + " AND period = '2026-03-01'")
              .one();
      assertThat(hour.getLong("count")).isEqualTo(4);
      assertThat(hour.getString("applied_batch")).isEqualTo("q/3");
      assertThat(hour.getMap("samples", String.class, Double.class))
          .as("every older event carried its measures")
          .containsEntry("latency_ms", 4.0);
      assertThat(hour.getMap("prior_samples", String.class, Double.class))
          .containsEntry("latency_ms", 3.0);
      assertThat(hour.getMap("avg", String.class, Double.class)).containsEntry("latency_ms", 2.5);
      assertThat(SchemaApplier.outdatedTables(session, ks)).isEmpty();
      List<Row> tenOClock =
          session
              .execute(
                  "SELECT id FROM " + ks + ".events_raw WHERE key = '/a' AND day = ? AND hour = 10",
                  day)
              .all();
      assertThat(tenOClock).hasSize(2);
      assertThat(
              session
                  .execute(
                      "SELECT count(*) FROM "
                          + ks
                          + ".events_raw WHERE key = '/a' AND day = ? AND hour = 23",
                      day)
                  .one()
                  .getLong(0))
          .isEqualTo(1);
      Row dead =
          session
              .execute(
                  "SELECT line, hour FROM " + ks + ".dead_letter WHERE day = ? AND hour = 7", day)
              .one();
      assertThat(dead.getString("line")).isEqualTo("not json");
      assertThat(
              session
                  .getMetadata()
                  .getKeyspace(ks)
                  .flatMap(k -> k.getTable("batch_stats"))
                  .orElseThrow()
                  .getOptions()
                  .get(CqlIdentifier.fromCql("default_time_to_live")))
          .isEqualTo(2_592_000);
      try (var left = Files.list(copies)) {
        assertThat(left).as("copies deleted once written back").isEmpty();
      }
    }
  }
}
