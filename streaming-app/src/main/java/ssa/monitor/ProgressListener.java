package ssa.monitor;

import org.apache.spark.sql.streaming.SourceProgress;
import org.apache.spark.sql.streaming.StreamingQueryListener;
import org.apache.spark.sql.streaming.StreamingQueryProgress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ssa.source.SourceBacklog;

/** Logs one line per batch of the named query and records its figures in {@link JobMetrics}. */
public final class ProgressListener extends StreamingQueryListener {
  private static final Logger LOG = LoggerFactory.getLogger(ProgressListener.class);

  private final String queryName;
  private final JobMetrics metrics;

  public ProgressListener(String queryName, JobMetrics metrics) {
    this.queryName = queryName;
    this.metrics = metrics;
  }

  @Override
  public void onQueryStarted(QueryStartedEvent event) {}

  @Override
  public void onQueryProgress(QueryProgressEvent event) {
    StreamingQueryProgress progress = event.progress();
    if (!queryName.equals(progress.name())) {
      return;
    }
    metrics.backlog(backlog(progress));
    BatchMetrics batch =
        metrics.progress(
            progress.batchId(),
            progress.numInputRows(),
            finite(progress.inputRowsPerSecond()),
            finite(progress.processedRowsPerSecond()),
            millis(progress, "triggerExecution"),
            millis(progress, "addBatch"));
    if (batch != null) {
      LOG.info(batch.line() + sparkPhases(progress));
    }
  }

  @Override
  public void onQueryTerminated(QueryTerminatedEvent event) {}

  /** Where Spark's own share went (offsets, planning, the checkpoint's logs), for tuning. */
  private static String sparkPhases(StreamingQueryProgress progress) {
    StringBuilder out = new StringBuilder(" [spark:");
    progress
        .durationMs()
        .forEach(
            (phase, ms) -> {
              if (!phase.equals("addBatch") && !phase.equals("triggerExecution")) {
                out.append(' ').append(phase).append(' ').append(ms);
              }
            });
    return out.append(']').toString();
  }

  private static long millis(StreamingQueryProgress progress, String phase) {
    Long ms = progress.durationMs().get(phase);
    return ms == null ? 0 : ms;
  }

  /** Lines the sources had beyond what the query read; -1 when a source cannot tell. */
  private static long backlog(StreamingQueryProgress progress) {
    long lines = 0;
    for (SourceProgress source : progress.sources()) {
      long behind = SourceBacklog.lines(source.endOffset(), source.latestOffset());
      if (behind < 0) {
        return -1;
      }
      lines += behind;
    }
    return lines;
  }

  /** Spark reports NaN for a rate it has no interval for, e.g. the first batch. */
  private static double finite(double rate) {
    return Double.isFinite(rate) ? rate : 0;
  }
}
