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
  /** The stated error of a distinct count: HLL with lgK 14, about 0.8% standard error. */
  static final double DISTINCT_ERROR = 0.03;

  /** The stated error of a percentile: within 1% of the exact value at its rank. */
  static final double QUANTILE_ERROR = 0.01;

  private static final double[] PERCENTILES = {50, 95, 99};

  /** Events counted in the per_api year rows, all keys: a stored event counted twice shows here. */
  static long eventsInYearRows(CqlSession session) {
    long events = 0;
    for (Row row :
        session.execute(
            "SELECT count FROM rollups WHERE rollup = 'per_api' AND grain = 'year'"
                + " ALLOW FILTERING")) {
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
              row.getString("rollup"),
              row.getString("grain"),
              row.getString("key"),
              row.getInstant("bucket")),
          row);
    }
    assertThat(stored.keySet()).containsExactlyInAnyOrderElementsOf(expected.buckets.keySet());
    java.util.Set<String> indexed = new java.util.HashSet<>();
    for (Row row : session.execute("SELECT rollup, key FROM rollup_keys")) {
      indexed.add(row.getString("rollup") + " " + row.getString("key"));
    }
    assertThat(indexed)
        .as("rollup_keys lists every key with rows")
        .containsAll(
            expected.buckets.keySet().stream().map(b -> b.rollup() + " " + b.key()).toList());
    double worstDistinct = 0;
    double worstQuantile = 0;
    for (Map.Entry<ExpectedRollups.BucketId, ExpectedRollups.Figures> bucket :
        expected.buckets.entrySet()) {
      ExpectedRollups.BucketId id = bucket.getKey();
      ExpectedRollups.Figures figures = bucket.getValue();
      Row row = stored.get(id);
      assertThat(row.getLong("count")).as("count of %s", id).isEqualTo(figures.count);
      assertThat(row.getLong("error_count")).as("errors of %s", id).isEqualTo(figures.errors);
      if (!id.rollup().equals(ExpectedRollups.PER_API)) {
        continue;
      }
      double sum = measure(row, "sum");
      assertThat(sum).as("sum of %s", id).isCloseTo(figures.sum, within(1e-6 * Math.max(1, sum)));
      assertThat(measure(row, "min")).as("min of %s", id).isEqualTo(figures.min);
      assertThat(measure(row, "max")).as("max of %s", id).isEqualTo(figures.max);
      assertThat(measure(row, "avg"))
          .as("avg of %s", id)
          .isCloseTo(figures.sum / figures.count, within(1e-6 * Math.max(1, figures.max)));
      long clients = figures.clients.size();
      Long shownClients = row.getMap("distinct", String.class, Long.class).get("client");
      long distinct = shownClients == null ? 0 : shownClients;
      if (clients > 0) {
        worstDistinct = Math.max(worstDistinct, Math.abs(distinct - clients) / (double) clients);
      }
      assertThat(distinct)
          .as("distinct clients of %s", id)
          .isCloseTo(clients, within((long) Math.ceil(DISTINCT_ERROR * clients)));
      Map<String, Double> quantiles = row.getMap("quantiles", String.class, Double.class);
      for (double p : PERCENTILES) {
        double exact = figures.percentile(p);
        double shown = quantiles.get("latency_ms.p" + (long) p);
        worstQuantile = Math.max(worstQuantile, Math.abs(shown - exact) / exact);
        assertThat(shown)
            .as("p%s latency of %s", p, id)
            .isCloseTo(exact, within(QUANTILE_ERROR * exact + 1e-9));
      }
    }
    System.out.printf(
        "rollups match: %d buckets; worst distinct-count error %.3f%%, worst percentile error"
            + " %.3f%% of the exact value%n",
        expected.buckets.size(), 100 * worstDistinct, 100 * worstQuantile);
    for (String rollup : new String[] {ExpectedRollups.PER_API, ExpectedRollups.PER_API_STATUS}) {
      for (Grain grain : Grain.values()) {
        long counted = 0;
        for (Map.Entry<ExpectedRollups.BucketId, Row> e : stored.entrySet()) {
          if (e.getKey().rollup().equals(rollup) && e.getKey().grain().equals(grain.id())) {
            counted += e.getValue().getLong("count");
          }
        }
        assertThat(counted).as("events in %s %s rollups", rollup, grain).isEqualTo(expected.valid);
      }
    }
    for (Grain grain : Grain.values()) {
      Map<String, Long> perKey = new TreeMap<>();
      stored.forEach(
          (id, row) -> {
            if (id.rollup().equals(ExpectedRollups.PER_API) && id.grain().equals(grain.id())) {
              perKey.merge(id.key(), row.getLong("count"), Long::sum);
            }
          });
      assertThat(perKey)
          .as("events per key in %s rollups", grain)
          .isEqualTo(new TreeMap<>(expected.validPerKey));
    }
  }

  private static double measure(Row row, String column) {
    return row.getMap(column, String.class, Double.class).get("latency_ms");
  }

  /** Each finer bucket's counts add up to the coarser bucket that contains it, in every rollup. */
  static void assertFinerGrainsAddUpToCoarser(CqlSession session) {
    Map<String, Map<String, Long>> counts = new HashMap<>();
    for (Row row : session.execute("SELECT rollup, grain, key, bucket, count FROM rollups")) {
      counts
          .computeIfAbsent(row.getString("grain"), g -> new HashMap<>())
          .put(
              row.getString("rollup") + " " + row.getString("key") + "@" + row.getInstant("bucket"),
              row.getLong("count"));
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
