package ssa.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import ssa.generator.EventFactory;
import ssa.generator.GeneratedEvent;
import ssa.launcher.cassandra.LocalCassandraExtension;
import ssa.rollup.Grain;

/**
 * Definitions other than the defaults, through a real node: a whole-stream rollup with a grain gap
 * and a 1-minute retention, distinct counts large enough for the HLL sketch to estimate (thousands
 * of values), a percentile between ranks; then the retention at work.
 */
@ExtendWith(LocalCassandraExtension.class)
class RollupDefinitionsIT {
  private static final String DEFINITIONS =
      """
      rollup.definitions = [
        { name = "everything", grains = [minute, day], measures = [latency_ms],
          distinct = [id, client], percentiles { latency_ms = [50, 99.9] },
          retention { minute = 1 minute } }
        { name = "per_api", group-by = [api], grains = [hour], distinct = [client],
          percentiles { latency_ms = [90] } }
      ]
      """;

  @Test
  void should_keep_each_definition_within_its_sketches_errors_and_expire_by_retention()
      throws Exception {
    long total = 20_000;
    Map<String, Object> options =
        new HashMap<>(
            Map.of(
                "count",
                total,
                "rate",
                10_000,
                "keys",
                4,
                "seed",
                77,
                "id",
                "defs",
                "start-time",
                "2026-02-01T10:00:00Z",
                "clients",
                3_000,
                "malformed.fraction",
                0.0,
                "out-of-order.fraction",
                0.0));
    try (GeneratedStream stream = GeneratedStream.start("it_definitions", options, DEFINITIONS)) {
      CqlSession session = stream.session;
      stream.runUntil(total);

      EventFactory factory =
          new EventFactory(
              stream.generated, stream.generated.startTime().orElseThrow().toEpochMilli());
      List<Double> latencies = new ArrayList<>();
      Set<String> ids = new HashSet<>();
      Set<String> clients = new HashSet<>();
      Map<String, Set<String>> clientsPerApi = new HashMap<>();
      Map<String, List<Double>> latenciesPerApi = new HashMap<>();
      for (long n = 0; n < total; n++) {
        GeneratedEvent event = factory.event(n);
        latencies.add(event.latencyMs());
        ids.add(event.id());
        clients.add(event.client());
        clientsPerApi.computeIfAbsent(event.key(), k -> new HashSet<>()).add(event.client());
        latenciesPerApi.computeIfAbsent(event.key(), k -> new ArrayList<>()).add(event.latencyMs());
      }

      Row day =
          session
              .execute(
                  "SELECT count, avg, distinct, quantiles FROM rollups WHERE rollup = 'everything'"
                      + " AND grain = 'day' AND key = '*' AND period = '2026-01-01'")
              .one();
      assertThat(day.getLong("count")).isEqualTo(total);
      Map<String, Long> distinct = day.getMap("distinct", String.class, Long.class);
      assertWithinDistinctError("ids", distinct.get("id"), ids.size());
      assertWithinDistinctError("clients", distinct.get("client"), clients.size());
      Map<String, Double> quantiles = day.getMap("quantiles", String.class, Double.class);
      assertWithinQuantileError("p50", quantiles.get("latency_ms.p50"), latencies, 50);
      assertWithinQuantileError("p99.9", quantiles.get("latency_ms.p99.9"), latencies, 99.9);
      double average = latencies.stream().mapToDouble(d -> d).average().orElseThrow();
      assertThat(day.getMap("avg", String.class, Double.class).get("latency_ms"))
          .isCloseTo(average, within(1e-9 * average));
      assertThat(countRows(session, "everything", Grain.HOUR)).as("a grain not kept").isZero();

      for (Map.Entry<String, Set<String>> api : clientsPerApi.entrySet()) {
        Row hour =
            session
                .execute(
                    "SELECT distinct, quantiles FROM rollups WHERE rollup = 'per_api'"
                        + " AND grain = 'hour' AND key = ? AND period = '2026-02-01'",
                    api.getKey())
                .one();
        assertWithinDistinctError(
            "clients of " + api.getKey(),
            hour.getMap("distinct", String.class, Long.class).get("client"),
            api.getValue().size());
        assertWithinQuantileError(
            "p90 of " + api.getKey(),
            hour.getMap("quantiles", String.class, Double.class).get("latency_ms.p90"),
            latenciesPerApi.get(api.getKey()),
            90);
      }

      long minutes = countRows(session, "everything", Grain.MINUTE);
      assertThat(minutes).as("minute rows before they expire").isPositive();
      Instant lastWrite = Instant.now();
      Awaitility.await()
          .atMost(Duration.ofSeconds(100))
          .pollInterval(Duration.ofSeconds(5))
          .until(() -> countRows(session, "everything", Grain.MINUTE) == 0);
      assertThat(Duration.between(lastWrite, Instant.now()))
          .as("minute rows expired by their 1-minute retention, not before")
          .isLessThanOrEqualTo(Duration.ofSeconds(100));
      assertThat(countRows(session, "everything", Grain.DAY)).as("days kept for ever").isOne();
      assertThat(countRows(session, "per_api", Grain.HOUR)).isEqualTo(clientsPerApi.size());
      System.out.printf(
          "definitions: %d events, %d ids, %d clients, %d minute rows expired%n",
          total, ids.size(), clients.size(), minutes);
    }
  }

  private static long countRows(CqlSession session, String rollup, Grain grain) {
    return session
        .execute(
            "SELECT count(*) FROM rollups WHERE rollup = ? AND grain = ? ALLOW FILTERING",
            rollup,
            grain.id())
        .one()
        .getLong(0);
  }

  private static void assertWithinDistinctError(String what, Long shown, long exact) {
    System.out.printf(
        "distinct %s: %d shown, %d exact, error %.2f%%%n",
        what, shown, exact, 100.0 * (shown - exact) / exact);
    assertThat(shown)
        .as("distinct %s", what)
        .isCloseTo(exact, within((long) Math.ceil(RollupAssertions.DISTINCT_ERROR * exact)));
  }

  private static void assertWithinQuantileError(
      String what, Double shown, List<Double> values, double percentile) {
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(null);
    double exact = sorted.get(Math.max(1, (int) Math.ceil(percentile / 100 * sorted.size())) - 1);
    System.out.printf(
        "%s: %.4f shown, %.4f exact, error %.3f%%%n",
        what, shown, exact, 100 * (shown - exact) / exact);
    assertThat(shown)
        .as(what)
        .isCloseTo(exact, within(RollupAssertions.QUANTILE_ERROR * exact + 1e-9));
  }
}
