package ssa.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import ssa.job.StreamingJob;
import ssa.launcher.cassandra.LocalCassandraExtension;
import ssa.rollup.Grain;
import ssa.serve.ApiServer;

/**
 * The dashboard in a real browser while a stream runs: the page's totals equal Cassandra's, its
 * charts move as batches land, and a screenshot is left at target/dashboard.png.
 */
@ExtendWith(LocalCassandraExtension.class)
class DashboardIT {
  private static final Path SCREENSHOT = Path.of("target", "dashboard.png");

  @Test
  void should_show_cassandras_totals_and_update_as_batches_land() throws Exception {
    long total = 12_000;
    int jobPort;
    try (ServerSocket free = new ServerSocket(0)) {
      jobPort = free.getLocalPort();
    }
    // Events stamped from now on, so they fall in the page's default range (the last hour).
    Map<String, Object> stream =
        Map.of(
            "count",
            total,
            "rate",
            300,
            "keys",
            4,
            "seed",
            14,
            "id",
            "dash",
            "malformed.fraction",
            0.01,
            "out-of-order.fraction",
            0.0);
    try (GeneratedStream generated =
            GeneratedStream.start(
                "it_dashboard",
                stream,
                "monitoring.http-port = " + jobPort + "\n" + AlertChecks.errorsRule("log = true"));
        HeadlessChromium browser = HeadlessChromium.start(1400, 1900)) {
      CqlSession session = generated.session;
      String job = generated.settings.name();
      StreamingQuery query = generated.startQuery();
      try (ApiServer server =
          ApiServer.start(
              new InetSocketAddress("127.0.0.1", 0),
              Optional.empty(),
              session,
              generated.settings)) {
        browser.navigate(
            "http://127.0.0.1:"
                + server.address().getPort()
                + "/?rollup=per_api&poll=1000&topPoll=2000");

        // While the stream runs, the shown total and the count chart move batch by batch.
        List<Long> shownTotals = new ArrayList<>();
        Awaitility.await()
            .atMost(ItSupport.PIPELINE_TIMEOUT)
            .pollInterval(Duration.ofMillis(500))
            .until(
                () -> {
                  long shown = number(browser.text("key-total-count"));
                  if (shown > 0 && (shownTotals.isEmpty() || shown != last(shownTotals))) {
                    shownTotals.add(shown);
                  }
                  return shownTotals.size() >= 4 || ItSupport.linesProcessed(session, job) >= total;
                });
        assertThat(shownTotals)
            .as("totals the page showed as batches landed")
            .hasSizeGreaterThan(2);
        assertThat(shownTotals).isSorted();
        int chartUpdates =
            browser.evaluate("+document.getElementById('chart-count').dataset.updates").asInt();
        assertThat(chartUpdates).isGreaterThan(2);
        assertThat(browser.text("job-state")).isEqualTo("running");

        ItSupport.awaitLines(query, session, job, total);

        // Once every line is in, the page settles on exactly what Cassandra holds.
        Awaitility.await()
            .atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofSeconds(1))
            .untilAsserted(
                () -> {
                  JsonNode shown =
                      browser.evaluate(
                          "Object.assign({}, document.getElementById('key-totals').dataset)");
                  String key = shown.get("key").asText();
                  Grain grain = Grain.byId(shown.get("grain").asText());
                  Instant from = Instant.parse(shown.get("from").asText());
                  Instant to = Instant.parse(shown.get("to").asText());
                  long[] stored = stored(session, "per_api", key, grain, from, to);
                  assertThat(stored[0]).as("events of %s", key).isPositive();
                  assertThat(number(browser.text("key-total-count")))
                      .as("events of %s", key)
                      .isEqualTo(stored[0]);
                  assertThat(number(browser.text("key-total-errors")))
                      .as("errors of %s", key)
                      .isEqualTo(stored[1]);
                  assertThat(stored[0])
                      .as("every event of %s is in the range", key)
                      .isEqualTo(yearCount(session, key));

                  Map<String, Long> table = topTable(browser);
                  assertThat(table).as("top keys").hasSize(4);
                  Instant topFrom =
                      Instant.parse(
                          browser.evaluate("document.getElementById('top').dataset.from").asText());
                  Instant topTo =
                      Instant.parse(
                          browser.evaluate("document.getElementById('top').dataset.to").asText());
                  Grain topGrain = grain;
                  Map<String, Long> expected = new LinkedHashMap<>();
                  for (String k : table.keySet()) {
                    expected.put(k, stored(session, "per_api", k, topGrain, topFrom, topTo)[0]);
                  }
                  assertThat(table).isEqualTo(expected);
                  assertThat(table.values().stream().mapToLong(Long::longValue).sum())
                      .as("valid events over all keys")
                      .isEqualTo(batchStats(session, job, "valid_events"));

                  assertThat(number(browser.text("job-dead")))
                      .as("dead letters")
                      .isEqualTo(batchStats(session, job, "dead_letters"))
                      .isPositive();

                  // Every firing of the errors rule, each shown as sent.
                  Set<String> fired = new HashSet<>();
                  session
                      .execute("SELECT rule, key, bucket FROM alerts")
                      .forEach(
                          r ->
                              fired.add(
                                  r.getString("rule")
                                      + "/"
                                      + r.getString("key")
                                      + "/"
                                      + r.getInstant("bucket")));
                  JsonNode alertRows =
                      browser.evaluate(
                          "[...document.querySelectorAll('#alert-table tbody tr')]"
                              + ".map(tr => [tr.dataset.id, tr.children[5].textContent])");
                  Set<String> shownAlerts = new HashSet<>();
                  alertRows.forEach(
                      r -> {
                        shownAlerts.add(r.get(0).asText());
                        assertThat(r.get(1).asText()).as("sent").isNotEqualTo("pending");
                      });
                  assertThat(fired).as("alerts fired").isNotEmpty();
                  assertThat(shownAlerts).as("alerts shown").isEqualTo(fired);
                });
        // The search box suggests the keys that match what is typed; choosing one shows it.
        String wanted = topTable(browser).keySet().stream().reduce((a, b) -> b).orElseThrow();
        browser.evaluate(
            "const box = document.getElementById('key-search'); box.value = '"
                + wanted.substring(wanted.length() - 3)
                + "'; box.dispatchEvent(new Event('input')); true");
        Awaitility.await()
            .atMost(Duration.ofSeconds(20))
            .untilAsserted(
                () ->
                    assertThat(
                            browser.evaluate(
                                "[...document.querySelectorAll('#key-options option')].map(o => o.value)"))
                        .extracting(JsonNode::asText)
                        .containsExactly(wanted));
        browser.evaluate(
            "const box2 = document.getElementById('key-search'); box2.value = '"
                + wanted
                + "'; box2.dispatchEvent(new Event('input')); true");
        Awaitility.await()
            .atMost(Duration.ofSeconds(20))
            .untilAsserted(
                () -> {
                  assertThat(browser.text("key-name")).isEqualTo(wanted);
                  assertThat(number(browser.text("key-total-count")))
                      .isEqualTo(yearCount(session, wanted));
                });
        assertThat(browser.evaluate("window.ssaErrors.length").asInt())
            .as("errors the page showed: %s", browser.evaluate("window.ssaErrors"))
            .isZero();
        browser.screenshot(SCREENSHOT);
      } finally {
        StreamingJob.stop(query);
      }
    }
  }

  /** The events and errors of a key's rows of a grain with buckets in [from, to). */
  private static long[] stored(
      CqlSession session, String rollup, String key, Grain grain, Instant from, Instant to) {
    long[] out = new long[2];
    for (Instant[] part : grain.periodSlices(grain.bucketStart(from), to)) {
      var row =
          session
              .execute(
                  "SELECT sum(count) AS events, sum(error_count) AS errors FROM rollups"
                      + " WHERE rollup = ? AND grain = ? AND key = ? AND period = ?"
                      + " AND bucket >= ? AND bucket < ?",
                  rollup,
                  grain.id(),
                  key,
                  grain.periodStart(part[0]),
                  part[0],
                  part[1])
              .one();
      out[0] += row.isNull("events") ? 0 : row.getLong("events");
      out[1] += row.isNull("errors") ? 0 : row.getLong("errors");
    }
    return out;
  }

  private static long yearCount(CqlSession session, String key) {
    Instant now = Instant.now();
    return stored(
        session, "per_api", key, Grain.YEAR, Grain.YEAR.bucketStart(now), now.plusSeconds(1))[0];
  }

  private static long batchStats(CqlSession session, String job, String figure) {
    var row =
        session.execute("SELECT sum(" + figure + ") FROM batch_stats WHERE job = ?", job).one();
    return row.isNull(0) ? 0 : row.getLong(0);
  }

  /** The top-keys table as the page shows it: key to events. */
  private static Map<String, Long> topTable(HeadlessChromium browser) {
    JsonNode rows =
        browser.evaluate(
            "[...document.querySelectorAll('#top tbody tr')]"
                + ".map(tr => [tr.dataset.key, tr.children[1].textContent])");
    Map<String, Long> out = new LinkedHashMap<>();
    rows.forEach(r -> out.put(r.get(0).asText(), number(r.get(1).asText())));
    return out;
  }

  /** A number as the page prints it ("12,345"). */
  private static long number(String shown) {
    String digits = shown.replace(",", "").trim();
    return digits.isEmpty() || digits.equals("–") ? -1 : Long.parseLong(digits);
  }

  private static long last(List<Long> values) {
    return values.get(values.size() - 1);
  }
}
