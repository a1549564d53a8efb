package ssa.serve;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import ssa.config.JobSettings;
import ssa.config.MonitoringSettings;
import ssa.rollup.BatchId;

/**
 * The job's health as the API shows it: its progress and newest batches from Cassandra (there with
 * the job down too), and the running job's own /status when it answers.
 */
public final class JobHealth {
  /** Newest batches listed, enough for a chart of the last minutes at a 1 s trigger. */
  static final int BATCHES = 120;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration STATUS_TIMEOUT = Duration.ofSeconds(1);

  private final CqlSession session;
  private final String job;
  private final Duration trigger;
  private final Optional<URI> status;
  private final PreparedStatement progress;
  private final PreparedStatement batches;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(STATUS_TIMEOUT).build();

  public JobHealth(CqlSession session, String keyspace, JobSettings settings) {
    this.session = session;
    this.job = settings.name();
    this.trigger = settings.triggerInterval();
    this.status = statusUri(settings.monitoring());
    this.progress =
        session.prepare(
            "SELECT applied_batch, max_event_time, received_until, updated_at FROM "
                + keyspace
                + ".stream_progress WHERE job = ?");
    this.batches =
        session.prepare(
            "SELECT batch_id, input_lines, valid_events, dead_letters, late_events, future_events,"
                + " rollup_rows, started_at, finished_at FROM "
                + keyspace
                + ".batch_stats WHERE job = ? AND query_id = ? LIMIT "
                + BATCHES);
  }

  /** Where the job serves /status, when its settings give a fixed port. */
  private static Optional<URI> statusUri(MonitoringSettings monitoring) {
    if (monitoring.port() <= 0) {
      return Optional.empty();
    }
    String host = monitoring.host().equals("0.0.0.0") ? "127.0.0.1" : monitoring.host();
    return Optional.of(URI.create("http://" + host + ":" + monitoring.port() + "/status"));
  }

  public Map<String, Object> read() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("status", "ok");
    out.put("job", job);
    out.put("triggerMs", trigger.toMillis());
    Row row = session.execute(progress.bind(job)).one();
    List<Map<String, Object>> recent = new ArrayList<>();
    if (row != null) {
      out.put("maxEventTime", String.valueOf(row.getInstant("max_event_time")));
      out.put("receivedUntil", String.valueOf(row.getInstant("received_until")));
      out.put("progressUpdatedAt", String.valueOf(row.getInstant("updated_at")));
      BatchId applied = BatchId.parse(row.getString("applied_batch"));
      if (applied != null) {
        for (Row batch : session.execute(batches.bind(job, applied.queryId()))) {
          recent.add(batch(batch));
        }
      }
    }
    out.put("batches", recent);
    out.put("live", live());
    return out;
  }

  private static Map<String, Object> batch(Row row) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("batchId", row.getLong("batch_id"));
    for (String figure :
        List.of(
            "input_lines",
            "valid_events",
            "dead_letters",
            "late_events",
            "future_events",
            "rollup_rows")) {
      out.put(figure, row.isNull(figure) ? 0 : row.getLong(figure));
    }
    Instant started = row.getInstant("started_at");
    Instant finished = row.getInstant("finished_at");
    out.put("finishedAt", String.valueOf(finished));
    out.put(
        "durationMs",
        started == null || finished == null
            ? null
            : Duration.between(started, finished).toMillis());
    return out;
  }

  /** The running job's /status, or why there is none. */
  private Map<String, Object> live() {
    Map<String, Object> out = new LinkedHashMap<>();
    if (status.isEmpty()) {
      out.put("reachable", false);
      out.put("reason", "ssa.job.monitoring.http-port is not a fixed port");
      return out;
    }
    out.put("url", status.get().toString());
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(status.get()).timeout(STATUS_TIMEOUT).build(),
              HttpResponse.BodyHandlers.ofString());
      out.put("reachable", response.statusCode() == 200);
      if (response.statusCode() == 200) {
        out.put("status", JSON.readTree(response.body()));
      }
    } catch (java.io.IOException e) {
      out.put("reachable", false);
      out.put("reason", "the job does not answer: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      out.put("reachable", false);
    }
    return out;
  }
}
