package ssa.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.awaitility.Awaitility;

/** What the ITs check of alerts: fired once per bucket in the table, and every sink got each. */
final class AlertChecks {
  /** A rule on every minute of per_api that had an error, as the ITs configure it. */
  static String errorsRule(String sinks) {
    return "alert { rules = [ { name = errors, rollup = per_api, grain = minute,"
        + " when = \"error_count > 0\" } ], "
        + sinks
        + " }";
  }

  /**
   * The errors rule fired exactly once for each per_api minute row with an error, and the sink's
   * received ids (read again until they match, sending is asynchronous) are exactly those.
   *
   * @return the firings
   */
  static int assertFiredOnce(CqlSession session, Supplier<Collection<String>> sinkIds) {
    Set<String> expected = new HashSet<>();
    for (Row row :
        session.execute(
            "SELECT key, bucket, error_count FROM rollups WHERE rollup = 'per_api'"
                + " AND grain = 'minute' ALLOW FILTERING")) {
      if (row.getLong("error_count") > 0) {
        expected.add("errors/" + row.getString("key") + "/" + row.getInstant("bucket"));
      }
    }
    List<Row> fired = session.execute("SELECT key, bucket, fired_by FROM alerts").all();
    Set<String> ids = new HashSet<>();
    fired.forEach(r -> ids.add("errors/" + r.getString("key") + "/" + r.getInstant("bucket")));
    assertThat(expected).as("minute rows with errors").isNotEmpty();
    assertThat(fired).as("one alert per minute row with errors").hasSize(expected.size());
    assertThat(ids).isEqualTo(expected);
    Awaitility.await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                assertThat(new HashSet<>(sinkIds.get()))
                    .as("alerts the sink got")
                    .isEqualTo(expected));
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> session.execute("SELECT * FROM alerts_undelivered").all().isEmpty());
    System.out.printf(
        "alerts: %d fired, by batches %s%n",
        fired.size(),
        fired.stream().map(r -> r.getString("fired_by")).distinct().sorted().toList());
    return fired.size();
  }

  private AlertChecks() {}
}
