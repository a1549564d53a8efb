package ssa.rollup;

/**
 * A rollup row as stored: the cumulative value, the batch that last changed it, and the value it
 * had before that batch. The prior value is what makes a replayed batch harmless: applying batch B
 * again starts from the value before B instead of adding B twice.
 */
public record StoredRollup(RollupValue value, String appliedBatch, RollupValue prior) {

  /**
   * The row after applying a batch's partial value to it.
   *
   * @param stored the row as read, or null when the bucket has no row yet
   * @param batch identifies the batch across restarts (query id and batch id)
   */
  public static StoredRollup apply(StoredRollup stored, RollupValue partial, String batch) {
    RollupValue base;
    if (stored == null) {
      base = RollupValue.EMPTY;
    } else if (batch.equals(stored.appliedBatch())) {
      base = stored.prior();
    } else {
      base = stored.value();
    }
    return new StoredRollup(base.plus(partial), batch, base);
  }

  /**
   * A bucket rebuilt by a batch summarization, which must not break the replay guard of a streaming
   * job running beside it.
   *
   * @param settled the value of the events the stream had written before its last batch
   * @param lastBatch the value of the events of the stream's last batch
   * @param applied the stream's last batch, which Spark may still replay; without a stream, a name
   *     for the summarization, and {@code lastBatch} is empty
   */
  public static StoredRollup rebuilt(RollupValue settled, RollupValue lastBatch, String applied) {
    return new StoredRollup(settled.plus(lastBatch), applied, settled);
  }

  /**
   * A coarser bucket as the sum of the stored rows of its finer buckets. With a stream beside it,
   * the part of a finer row due to the stream's last batch stays out of the prior, so a replay of
   * that batch adds it once; a part due to a batch after it stays out of both, since that batch
   * will add it to this bucket itself.
   *
   * @param lastBatch the stream's last recorded batch, or null without a stream
   * @param applied what to store as applied_batch: {@code lastBatch}, or the summarization's name
   */
  public static StoredRollup sum(Iterable<StoredRollup> finer, BatchId lastBatch, String applied) {
    RollupValue value = RollupValue.EMPTY;
    RollupValue prior = RollupValue.EMPTY;
    for (StoredRollup row : finer) {
      BatchId rowBatch = BatchId.parse(row.appliedBatch());
      if (lastBatch != null && lastBatch.isBefore(rowBatch)) {
        value = value.plus(row.prior());
        prior = prior.plus(row.prior());
      } else if (lastBatch != null && lastBatch.equals(rowBatch)) {
        value = value.plus(row.value());
        prior = prior.plus(row.prior());
      } else {
        value = value.plus(row.value());
        prior = prior.plus(row.value());
      }
    }
    return new StoredRollup(value, applied, prior);
  }
}
