package ssa.monitor;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The running job's figures, kept on the driver: the batch handler hands in each batch's outcome,
 * Spark's progress events complete it, and the HTTP server reads the result.
 */
public final class JobMetrics {
  private final String job;
  private final Map<Long, BatchOutcome> awaitingProgress = new ConcurrentHashMap<>();
  private final Instant startedAt = Instant.now();
  private long batches;
  private long inputRows;
  private long validEvents;
  private long deadLetters;
  private long lateEvents;
  private long futureEvents;
  private long rollupRows;
  private BatchMetrics last;
  private long backlog = -1;
  private final java.util.ArrayDeque<BatchMetrics> recent = new java.util.ArrayDeque<>();

  /** How many batches {@link #recent} keeps. */
  private static final int RECENT = 10_000;

  private final java.time.Duration trigger;

  public JobMetrics(String job, java.time.Duration trigger) {
    this.job = job;
    this.trigger = trigger;
  }

  /** Called by the batch handler once a batch has written everything. */
  public void batchWritten(BatchOutcome outcome) {
    awaitingProgress.put(outcome.stats().batchId(), outcome);
  }

  /**
   * Completes a batch with Spark's progress figures; null when this batch wrote nothing through the
   * handler (Spark reports idle triggers too).
   */
  public BatchMetrics progress(
      long batchId,
      long rows,
      double inputRowsPerSecond,
      double processedRowsPerSecond,
      long durationMs,
      long handlerMs) {
    BatchOutcome outcome = awaitingProgress.remove(batchId);
    if (outcome == null) {
      return null;
    }
    BatchMetrics metrics =
        BatchMetrics.of(
            outcome, rows, inputRowsPerSecond, processedRowsPerSecond, durationMs, handlerMs);
    synchronized (this) {
      batches++;
      inputRows += metrics.inputRows();
      validEvents += metrics.validEvents();
      deadLetters += metrics.deadLetters();
      lateEvents += metrics.lateEvents();
      futureEvents += metrics.futureEvents();
      rollupRows += metrics.rollupRows();
      last = metrics;
      recent.addLast(metrics);
      if (recent.size() > RECENT) {
        recent.removeFirst();
      }
    }
    return metrics;
  }

  /** Lines the source has that the query has not read, as of the newest trigger; -1: unknown. */
  public synchronized void backlog(long lines) {
    backlog = lines;
  }

  /** Lines taken in by the batches completed so far. */
  public synchronized long inputRows() {
    return inputRows;
  }

  /** The newest batches' figures, oldest first. */
  public synchronized java.util.List<BatchMetrics> recent() {
    return java.util.List.copyOf(recent);
  }

  /** The figures in Prometheus' text exposition format. */
  public synchronized String prometheus() {
    StringBuilder out = new StringBuilder();
    gauge(
        out,
        "ssa_trigger_interval_seconds",
        "How often a micro-batch starts (ssa.job.trigger-interval).",
        trigger.toMillis() / 1000.0);
    counter(out, "ssa_batches_total", "Micro-batches completed.", batches);
    counter(out, "ssa_input_rows_total", "Lines read from the source.", inputRows);
    counter(out, "ssa_valid_events_total", "Lines parsed into events.", validEvents);
    counter(out, "ssa_dead_letters_total", "Lines sent to dead_letter.", deadLetters);
    counter(out, "ssa_late_events_total", "Events older than the watermark.", lateEvents);
    counter(
        out,
        "ssa_future_events_total",
        "Events stamped more than the future skew after they were received.",
        futureEvents);
    counter(out, "ssa_rollup_rows_total", "Rollup rows written.", rollupRows);
    if (backlog >= 0) {
      gauge(out, "ssa_source_backlog_lines", "Lines the source has not handed out yet.", backlog);
    }
    if (last != null) {
      gauge(out, "ssa_last_batch_id", "Id of the newest completed batch.", last.batchId());
      gauge(out, "ssa_last_batch_input_rows", "Lines in the newest batch.", last.inputRows());
      gauge(
          out,
          "ssa_last_batch_duration_seconds",
          "Duration of the newest batch.",
          last.durationMs() / 1000.0);
      gauge(
          out,
          "ssa_input_rows_per_second",
          "Rate lines arrived at, newest batch.",
          last.inputRowsPerSecond());
      gauge(
          out,
          "ssa_processed_rows_per_second",
          "Rate lines were processed at, newest batch.",
          last.processedRowsPerSecond());
      if (last.endToEndLatencyMs() != null) {
        gauge(
            out,
            "ssa_end_to_end_latency_seconds",
            "Rollups written minus newest event time, newest batch.",
            last.endToEndLatencyMs() / 1000.0);
      }
      if (last.watermark() != null) {
        gauge(
            out,
            "ssa_watermark_timestamp_seconds",
            "Event-time watermark, newest batch.",
            last.watermark().toEpochMilli() / 1000.0);
      }
    }
    return out.toString();
  }

  /** The figures as a JSON-ready map. */
  public synchronized Map<String, Object> status() {
    Map<String, Object> totals = new LinkedHashMap<>();
    totals.put("batches", batches);
    totals.put("input_rows", inputRows);
    totals.put("valid_events", validEvents);
    totals.put("dead_letters", deadLetters);
    totals.put("late_events", lateEvents);
    totals.put("future_events", futureEvents);
    totals.put("rollup_rows", rollupRows);
    Map<String, Object> status = new LinkedHashMap<>();
    status.put("job", job);
    status.put("started_at", startedAt.toString());
    status.put("totals", totals);
    status.put("backlog_lines", backlog < 0 ? null : backlog);
    if (last != null) {
      Map<String, Object> batch = new LinkedHashMap<>();
      batch.put("batch_id", last.batchId());
      batch.put("input_rows", last.inputRows());
      batch.put("input_rows_per_second", last.inputRowsPerSecond());
      batch.put("processed_rows_per_second", last.processedRowsPerSecond());
      batch.put("duration_ms", last.durationMs());
      batch.put("rollup_rows", last.rollupRows());
      batch.put("dead_letters", last.deadLetters());
      batch.put("late_events", last.lateEvents());
      batch.put("future_events", last.futureEvents());
      batch.put("watermark", last.watermark() == null ? null : last.watermark().toString());
      batch.put("newest_event", last.newestEvent() == null ? null : last.newestEvent().toString());
      batch.put("end_to_end_latency_ms", last.endToEndLatencyMs());
      batch.put("steps_ms", last.stepsMs());
      batch.put("spark_ms", last.sparkMs());
      status.put("last_batch", batch);
    }
    return status;
  }

  private void counter(StringBuilder out, String name, String help, long value) {
    metric(out, name, help, "counter", Long.toString(value));
  }

  private void gauge(StringBuilder out, String name, String help, double value) {
    metric(out, name, help, "gauge", String.format(Locale.ROOT, "%s", value));
  }

  private void metric(StringBuilder out, String name, String help, String type, String value) {
    out.append("# HELP ").append(name).append(' ').append(help).append('\n');
    out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    out.append(name)
        .append("{job=\"")
        .append(job.replace("\"", "\\\""))
        .append("\"} ")
        .append(value)
        .append('\n');
  }
}
