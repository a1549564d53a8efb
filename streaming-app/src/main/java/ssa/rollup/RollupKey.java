package ssa.rollup;

import java.io.Serializable;
import java.time.Instant;

/**
 * Names one rollup row: the grain, the key, the storage period (partition slice) and the bucket.
 * The one definition of that tuple for the batch side, the store and the incremental side.
 */
public record RollupKey(Grain grain, String key, Instant period, Instant bucket)
    implements Serializable {

  /** The row of a grain that an event of {@code key} at {@code time} falls in. */
  public static RollupKey of(Grain grain, String key, Instant time) {
    return new RollupKey(grain, key, grain.periodStart(time), grain.bucketStart(time));
  }
}
