package ssa.store;

import java.time.Instant;
import ssa.rollup.BatchId;

/**
 * A streaming job's row in stream_progress: after its last recorded batch, the newest event time it
 * has seen (leaving out events stamped beyond the future skew) and the newest receiving time it has
 * written, and both as they were before that batch. Times are null until the job has seen an event.
 *
 * @param newestRollupBucket the newest bucket of any rollup row the job has written, of any grain:
 *     no row of a later bucket exists, so the job need not read one back before its first write;
 *     null where unknown (nothing written yet, or recorded by a version that did not keep it)
 */
public record StreamProgress(
    BatchId appliedBatch,
    Instant maxEventTime,
    Instant priorMaxEventTime,
    Instant receivedUntil,
    Instant priorReceivedUntil,
    Instant newestRollupBucket) {

  /** Where a job's first batch starts from. */
  public static final StreamProgress NONE = new StreamProgress(null, null, null, null, null, null);

  /** Where a batch starts from: before it, or (for a replay of the last batch) before that. */
  public StreamProgress before(BatchId batch) {
    return batch.equals(appliedBatch)
        ? new StreamProgress(null, priorMaxEventTime, null, priorReceivedUntil, null, null)
        : new StreamProgress(null, maxEventTime, null, receivedUntil, null, null);
  }
}
