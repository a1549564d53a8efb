package ssa.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import ssa.rollup.Grain;

/** Checks of the rollups table that several integration tests share. */
final class RollupAssertions {
  /** Events counted in the year rows, all keys: a stored event counted twice shows here. */
  static long eventsInYearRows(CqlSession session) {
    long events = 0;
    for (Row row :
        session.execute("SELECT count FROM rollups WHERE grain = 'year' ALLOW FILTERING")) {
      events += row.getLong("count");
    }
    return events;
  }

  /** Every stored bucket equals the expected one, and no bucket is missing or extra. */
  static void assertRollupsMatch(CqlSession session, ExpectedRollups expected) {
    Map<ExpectedRollups.BucketId, Row> stored = new HashMap<>();
    for (Row row : session.execute("SELECT * FROM rollups")) {
      stored.put(
          new ExpectedRollups.BucketId(
              row.getString("grain"), row.getString("key"), row.getInstant("bucket")),
          row);
    }
    assertThat(stored.keySet()).containsExactlyInAnyOrderElementsOf(expected.buckets.keySet());
    expected.buckets.forEach(
        (id, figures) -> {
          Row row = stored.get(id);
          assertThat(row.getLong("count")).as("count of %s", id).isEqualTo(figures.count);
          assertThat(row.getLong("error_count")).as("errors of %s", id).isEqualTo(figures.errors);
          Map<String, Double> sum = row.getMap("sum", String.class, Double.class);
          assertThat(sum.get("latency_ms"))
              .as("sum of %s", id)
              .isCloseTo(figures.sum, within(1e-6 * Math.max(1, figures.sum)));
          assertThat(row.getMap("min", String.class, Double.class).get("latency_ms"))
              .isEqualTo(figures.min);
          assertThat(row.getMap("max", String.class, Double.class).get("latency_ms"))
              .isEqualTo(figures.max);
        });
    for (Grain grain : Grain.values()) {
      Map<String, Long> perKey = new TreeMap<>();
      stored.forEach(
          (id, row) -> {
            if (id.grain().equals(grain.id())) {
              perKey.merge(id.key(), row.getLong("count"), Long::sum);
            }
          });
      assertThat(perKey)
          .as("events per key in %s rollups", grain)
          .isEqualTo(new TreeMap<>(expected.validPerKey));
    }
  }

  /** Each finer bucket's counts add up to the coarser bucket that contains it. */
  static void assertFinerGrainsAddUpToCoarser(CqlSession session) {
    Map<String, Map<String, Long>> counts = new HashMap<>();
    for (Row row : session.execute("SELECT grain, key, bucket, count FROM rollups")) {
      counts
          .computeIfAbsent(row.getString("grain"), g -> new HashMap<>())
          .put(row.getString("key") + "@" + row.getInstant("bucket"), row.getLong("count"));
    }
    Grain[] grains = Grain.values();
    for (int i = 0; i + 1 < grains.length; i++) {
      Grain finer = grains[i];
      Grain coarser = grains[i + 1];
      Map<String, Long> summed = new HashMap<>();
      counts
          .get(finer.id())
          .forEach(
              (bucket, count) -> {
                String key = bucket.substring(0, bucket.lastIndexOf('@'));
                Instant start = Instant.parse(bucket.substring(bucket.lastIndexOf('@') + 1));
                summed.merge(key + "@" + coarser.bucketStart(start), count, Long::sum);
              });
      assertThat(summed)
          .as("%s sums equal %s rows", finer, coarser)
          .isEqualTo(counts.get(coarser.id()));
    }
  }

  private RollupAssertions() {}
}
