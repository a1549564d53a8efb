package ssa.store;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import java.time.Instant;
import java.util.Optional;
import ssa.rollup.BatchId;

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
            "SELECT applied_batch, max_event_time, prior_max_event_time, received_until,"
                + " prior_received_until, newest_rollup_bucket FROM "
                + progress
                + " WHERE job = ?");
    this.writeProgress =
        session.prepare(
            "INSERT INTO "
                + progress
                + " (job, applied_batch, max_event_time,"
                + " prior_max_event_time, received_until, prior_received_until,"
                + " newest_rollup_bucket, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    this.writeStats =
        session.prepare(
            "INSERT INTO "
                + keyspace
                + "."
                + Tables.BATCH_STATS
                + " (job, query_id, batch_id,"
                + " input_lines, valid_events, dead_letters, late_events, future_events,"
                + " rollup_rows, watermark, max_event_time, started_at, finished_at, replayed)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  }

  /** The job's row, if it has recorded a batch. */
  public Optional<StreamProgress> latest() {
    Row row = session.execute(readProgress.bind(job)).one();
    if (row == null) {
      return Optional.empty();
    }
    return Optional.of(
        new StreamProgress(
            BatchId.parse(row.getString("applied_batch")),
            row.getInstant("max_event_time"),
            row.getInstant("prior_max_event_time"),
            row.getInstant("received_until"),
            row.getInstant("prior_received_until"),
            row.getInstant("newest_rollup_bucket")));
  }

  /** Records what the job had seen and written after {@code batch}, and before it. */
  public void recordProgress(BatchId batch, StreamProgress before, StreamProgress after) {
    session.execute(
        writeProgress.bind(
            job,
            batch.toString(),
            after.maxEventTime(),
            before.maxEventTime(),
            after.receivedUntil(),
            before.receivedUntil(),
            after.newestRollupBucket(),
            Instant.now()));
  }

  public void recordStats(BatchStats stats) {
    session.execute(
        writeStats.bind(
            job,
            stats.queryId(),
            stats.batchId(),
            stats.inputLines(),
            stats.validEvents(),
            stats.deadLetters(),
            stats.lateEvents(),
            stats.futureEvents(),
            stats.rollupRows(),
            stats.watermark(),
            stats.maxEventTime(),
            stats.startedAt(),
            stats.finishedAt(),
            stats.replayed()));
  }
}
