package ssa.monitor;

import java.time.Duration;
import java.time.Instant;

/**
 * The figures of one finished batch: Spark's progress (rows in, rates, duration) with what the
 * batch wrote. End-to-end latency is the time the rollups were written minus the newest event time
 * of the batch (leaving out events stamped beyond the future skew); null when the batch had no
 * valid event.
 */
public record BatchMetrics(
    long batchId,
    long inputRows,
    double inputRowsPerSecond,
    double processedRowsPerSecond,
    long durationMs,
    long validEvents,
    long deadLetters,
    long lateEvents,
    long futureEvents,
    long rollupRows,
    Instant watermark,
    Instant newestEvent,
    Long endToEndLatencyMs,
    java.util.Map<String, Long> stepsMs,
    long sparkMs) {

  /**
   * @param handlerMs how long Spark says our handler took (its addBatch); the rest of durationMs is
   *     Spark's own per-batch cost: offsets, planning, the checkpoint's logs
   */
  static BatchMetrics of(
      BatchOutcome outcome,
      long inputRows,
      double inputRowsPerSecond,
      double processedRowsPerSecond,
      long durationMs,
      long handlerMs) {
    Long latency =
        outcome.newestEvent() == null
            ? null
            : Duration.between(outcome.newestEvent(), outcome.rollupsWrittenAt()).toMillis();
    return new BatchMetrics(
        outcome.stats().batchId(),
        inputRows,
        inputRowsPerSecond,
        processedRowsPerSecond,
        durationMs,
        outcome.stats().validEvents(),
        outcome.stats().deadLetters(),
        outcome.stats().lateEvents(),
        outcome.stats().futureEvents(),
        outcome.stats().rollupRows(),
        outcome.stats().watermark(),
        outcome.newestEvent(),
        latency,
        outcome.stepsMs(),
        Math.max(0, durationMs - handlerMs));
  }

  /** The batch's log line. */
  public String line() {
    return String.format(
        java.util.Locale.ROOT,
        "batch %d: %d rows in, %.0f rows/s in, %.0f rows/s processed, %d ms, %d rollup rows,"
            + " %d dead letters, %d late, %d future, watermark %s, end-to-end latency %s"
            + " (%s, spark %d ms)",
        batchId,
        inputRows,
        inputRowsPerSecond,
        processedRowsPerSecond,
        durationMs,
        rollupRows,
        deadLetters,
        lateEvents,
        futureEvents,
        watermark == null ? "none" : watermark,
        endToEndLatencyMs == null ? "n/a" : endToEndLatencyMs + " ms",
        steps(),
        sparkMs);
  }

  private String steps() {
    StringBuilder out = new StringBuilder();
    stepsMs.forEach(
        (step, ms) ->
            out.append(out.length() == 0 ? "" : ", ")
                .append(step)
                .append(' ')
                .append(ms)
                .append(" ms"));
    return out.toString();
  }
}
