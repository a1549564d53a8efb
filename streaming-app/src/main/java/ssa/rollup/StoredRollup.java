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
}
