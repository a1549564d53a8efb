package ssa.sink;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import java.time.Instant;
import java.util.Optional;

/**
 * The job's event-time progress and per-batch figures in Cassandra. Like the rollups, progress
 * keeps the value it had before the last batch, so a replayed batch sees the same watermark.
 */
public final class ProgressStore {
  private final CqlSession session;
  private final String job;
  private final PreparedStatement readProgress;
  private final PreparedStatement writeProgress;
  private final PreparedStatement writeStats;

  public ProgressStore(CqlSession session, String keyspace, String job) {
    this.session = session;
    this.job = job;
    String progress = keyspace + "." + Tables.STREAM_PROGRESS;
    this.readProgress =
        session.prepare(
            "SELECT applied_batch, max_event_time, prior_max_event_time FROM " + progress
                + " WHERE job = ?");
    this.writeProgress =
        session.prepare(
            "INSERT INTO " + progress + " (job, applied_batch, max_event_time,"
                + " prior_max_event_time, updated_at) VALUES (?, ?, ?, ?, ?)");
    this.writeStats =
        session.prepare(
            "INSERT INTO " + keyspace + "." + Tables.BATCH_STATS + " (job, query_id, batch_id,"
                + " input_lines, valid_events, dead_letters, late_events, rollup_rows, watermark,"
                + " max_event_time, started_at, finished_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  }

  /** The newest event time seen by the batches before {@code batch}, if any. */
  public Optional<Instant> maxEventTimeBefore(String batch) {
    Row row = session.execute(readProgress.bind(job)).one();
    if (row == null) {
      return Optional.empty();
    }
    boolean replay = batch.equals(row.getString("applied_batch"));
    return Optional.ofNullable(
        row.getInstant(replay ? "prior_max_event_time" : "max_event_time"));
  }

  public void recordProgress(String batch, Instant maxEventTime, Instant priorMaxEventTime) {
    session.execute(writeProgress.bind(job, batch, maxEventTime, priorMaxEventTime, Instant.now()));
  }

  public void recordStats(BatchStats stats) {
    session.execute(
        writeStats.bind(
            job, stats.queryId(), stats.batchId(), stats.inputLines(), stats.validEvents(),
            stats.deadLetters(), stats.lateEvents(), stats.rollupRows(), stats.watermark(),
            stats.maxEventTime(), stats.startedAt(), stats.finishedAt()));
  }
}
