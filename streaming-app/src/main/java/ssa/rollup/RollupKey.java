package ssa.rollup;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * Names one rollup row: the rollup (definition name), the grain, the key (see {@link GroupKey}),
 * the storage period (partition slice) and the bucket. The one definition of that tuple for the
 * batch side, the store and the incremental side.
 *
 * <p>A class rather than a record only to keep its hash: the driver looks each of a batch's rows up
 * in several maps, and at 5,000 keys (175,000 rows) hashing the five parts again each time was a
 * quarter of its time in the rollup step (bench run 18's profile).
 */
public final class RollupKey implements Serializable {
  private final String rollup;
  private final Grain grain;
  private final String key;
  private final Instant period;
  private final Instant bucket;
  private final int hash;

  public RollupKey(String rollup, Grain grain, String key, Instant period, Instant bucket) {
    this.rollup = rollup;
    this.grain = grain;
    this.key = key;
    this.period = period;
    this.bucket = bucket;
    // The grain by its ordinal, not its identity hash: a key keeps its hash when sent to another
    // JVM.
    this.hash = Objects.hash(rollup, grain == null ? -1 : grain.ordinal(), key, period, bucket);
  }

  /** The row of a grain that an event of {@code key} at {@code time} falls in. */
  public static RollupKey of(String rollup, Grain grain, String key, Instant time) {
    return new RollupKey(rollup, grain, key, grain.periodStart(time), grain.bucketStart(time));
  }

  /** The row of another grain of the same rollup and key that holds this row's bucket. */
  public RollupKey in(Grain coarser) {
    return of(rollup, coarser, key, bucket);
  }

  public String rollup() {
    return rollup;
  }

  public Grain grain() {
    return grain;
  }

  public String key() {
    return key;
  }

  public Instant period() {
    return period;
  }

  public Instant bucket() {
    return bucket;
  }

  @Override
  public boolean equals(Object o) {
    return o == this
        || o instanceof RollupKey other
            && hash == other.hash
            && grain == other.grain
            && Objects.equals(bucket, other.bucket)
            && Objects.equals(key, other.key)
            && Objects.equals(rollup, other.rollup)
            && Objects.equals(period, other.period);
  }

  @Override
  public int hashCode() {
    return hash;
  }

  @Override
  public String toString() {
    return "RollupKey[rollup="
        + rollup
        + ", grain="
        + grain
        + ", key="
        + key
        + ", period="
        + period
        + ", bucket="
        + bucket
        + "]";
  }
}
