package ssa.bench;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import ssa.config.JobSettings;
import ssa.incremental.IncrementalJob;
import ssa.incremental.IncrementalOptions;
import ssa.rollup.BatchId;
import ssa.store.RollupWriter;

/**
 * Baseline (b): every batch recomputes all rollups from the whole of events_raw (a full
 * re-summarization, as `incremental` does with no state), so its cost grows with the table.
 */
final class RecomputeRollupWriter implements RollupWriter {
  /** Named apart from the stream, so the run takes every stored event, this batch's included. */
  private final JobSettings settings;

  RecomputeRollupWriter(JobSettings settings) {
    this.settings = settings;
  }

  @Override
  public long write(Dataset<Row> onTimeEvents, BatchId batch) {
    return new IncrementalJob(settings)
        .run(
            onTimeEvents.sparkSession(),
            IncrementalOptions.parse(
                new String[] {"--id", "recompute-" + batch.batchId(), "--period", "DAY"}))
        .rollupRowsWritten();
  }
}
