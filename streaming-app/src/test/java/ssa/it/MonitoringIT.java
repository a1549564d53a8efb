package ssa.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datastax.oss.driver.api.core.CqlSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import ssa.config.JobSettings;
import ssa.job.StreamingJob;
import ssa.launcher.cassandra.LocalCassandraExtension;
import ssa.source.LineSource;

/** The job's figures over HTTP, checked against what it wrote to Cassandra. */
@ExtendWith(LocalCassandraExtension.class)
class MonitoringIT {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Test
  void should_serve_the_figures_of_every_batch_as_prometheus_text_and_json() throws Exception {
    long total = 12_000;
    try (GeneratedStream stream =
        GeneratedStream.start(
            "it_monitoring",
            Map.of(
                "count",
                total,
                "rate",
                3_000,
                "keys",
                3,
                "seed",
                31,
                "id",
                "mon",
                "malformed.fraction",
                0.02),
            "")) {
      JobSettings settings = stream.settings;
      CqlSession session = stream.session;
      StreamingJob job = new StreamingJob(settings);
      StreamingQuery query =
          job.start(stream.spark(), LineSource.open(stream.spark(), settings.source()));
      InetSocketAddress address = job.monitoringAddress().orElseThrow();
      URI base = URI.create("http://127.0.0.1:" + address.getPort());
      try {
        ItSupport.awaitLines(query, session, settings.name(), total);
        // Progress events reach the listener asynchronously: wait until it has them all.
        org.awaitility.Awaitility.await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () ->
                    get(base.resolve("/metrics"))
                        .contains("ssa_input_rows_total{job=\"it_monitoring\"} " + total + "\n"));
        var stats =
            session
                .execute(
                    "SELECT count(*), sum(dead_letters), sum(valid_events), max(batch_id)"
                        + " FROM batch_stats WHERE job = ?",
                    settings.name())
                .one();
        long deadLetterRows = session.execute("SELECT count(*) FROM dead_letter").one().getLong(0);
        assertThat(stats.getLong(1)).isEqualTo(deadLetterRows).isPositive();

        String metrics = get(base.resolve("/metrics"));
        assertThat(metrics)
            .contains("ssa_batches_total{job=\"it_monitoring\"} " + stats.getLong(0) + "\n")
            .contains("ssa_dead_letters_total{job=\"it_monitoring\"} " + deadLetterRows + "\n")
            .contains("ssa_valid_events_total{job=\"it_monitoring\"} " + stats.getLong(2) + "\n")
            .contains("# TYPE ssa_end_to_end_latency_seconds gauge");

        JsonNode status = new ObjectMapper().readTree(get(base.resolve("/status")));
        assertThat(status.path("totals").path("input_rows").asLong()).isEqualTo(total);
        assertThat(status.path("last_batch").path("batch_id").asLong()).isEqualTo(stats.getLong(3));
        long latency = status.path("last_batch").path("end_to_end_latency_ms").asLong();
        assertThat(latency).as("rollups written minus newest event time").isBetween(0L, 60_000L);
      } finally {
        StreamingJob.stop(query);
      }
      org.awaitility.Awaitility.await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () ->
                  assertThatThrownBy(() -> get(base.resolve("/status")))
                      .isInstanceOf(java.io.IOException.class));
    }
  }

  private static String get(URI uri) throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }
}
