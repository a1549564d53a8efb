package ssa.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import ssa.rollup.Alert;
import ssa.rollup.BatchId;
import ssa.rollup.Grain;
import ssa.rollup.RollupKey;
import ssa.rollup.RollupValue;
import ssa.rollup.StoredRollup;

/**
 * Where a streaming batch's results go, in the order the batch handler hands them over: raw events
 * and dead letters from the tasks, then the rollups, the raw index, and last the progress that
 * makes a replay of the batch exact. Every write is an upsert, so a replayed batch changes nothing.
 */
public interface BatchStore extends AutoCloseable {
  /** Writers for the tasks, which write raw events and dead letters where they parse them. */
  EventWriters events();

  /** The job's progress after its last recorded batch, if it has recorded one. */
  Optional<StreamProgress> latestProgress();

  /**
   * Adds a batch's partial values to their rollup rows with the replay guard of {@link
   * ssa.rollup.StoredRollup#apply}, writing whole values.
   *
   * @param newestBucket {@link StreamProgress#newestRollupBucket} of the job's latest progress:
   *     rows of later buckets are new, not read back
   * @return the rows written, as written
   */
  Map<RollupKey, StoredRollup> upsertRollups(
      Map<RollupKey, RollupValue> partials, BatchId batch, Instant newestBucket);

  /**
   * Writes the rollup rows held back by {@code rollup.coarse-write-interval} if that interval has
   * passed: called between batches too, so an idle stream's coarser rows catch up.
   */
  void writeDueRollups();

  /** Writes every rollup row held back, when the job stops. */
  void writeHeldRollups();

  /**
   * Forgets the rollup rows held back, after a batch failed: they stay noted, and the next start
   * rebuilds them from the finer rows.
   */
  void forgetHeldRollups();

  /**
   * Every key of a rollup with its row in each of these buckets; an empty value where the key has
   * none.
   */
  Map<RollupKey, RollupValue> bucketsOfEveryKey(String rollup, Grain grain, List<Instant> buckets);

  /**
   * Records alert firings, at most one per (rule, key, bucket) ever.
   *
   * @return the firings to send: recorded now, or by this batch in a run that could not send them
   */
  List<Alert> recordAlerts(List<Alert> candidates);

  /** Firings recorded but not yet taken by every sink. */
  List<Alert> undeliveredAlerts();

  void alertDelivered(Alert alert);

  /** Which days and keys got raw events, after those events are written. */
  void recordArrivals(RawArrivals arrivals);

  void recordProgress(BatchId batch, StreamProgress before, StreamProgress after);

  void recordStats(BatchStats stats);

  @Override
  void close();
}
