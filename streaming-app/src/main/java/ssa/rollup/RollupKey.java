package ssa.rollup;

import java.io.Serializable;
import java.time.Instant;

/**
 * Names one rollup row: the rollup (definition name), the grain, the key (see {@link GroupKey}),
 * the storage period (partition slice) and the bucket. The one definition of that tuple for the
 * batch side, the store and the incremental side.
 */
public record RollupKey(String rollup, Grain grain, String key, Instant period, Instant bucket)
    implements Serializable {

  /** The row of a grain that an event of {@code key} at {@code time} falls in. */
  public static RollupKey of(String rollup, Grain grain, String key, Instant time) {
    return new RollupKey(rollup, grain, key, grain.periodStart(time), grain.bucketStart(time));
  }

  /** The row of another grain of the same rollup and key that holds this row's bucket. */
  public RollupKey in(Grain coarser) {
    return of(rollup, coarser, key, bucket);
  }
}
