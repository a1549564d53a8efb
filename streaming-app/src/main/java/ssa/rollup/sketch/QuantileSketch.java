package ssa.rollup.sketch;

import java.io.InvalidObjectException;
import java.io.ObjectInputStream;
import java.io.Serializable;
import java.util.Arrays;

/**
 * Quantiles of doubles with a relative accuracy of {@link #RELATIVE_ACCURACY}, deterministic and
 * exactly mergeable: the same values, added in any order and merged from any split, give
 * byte-identical {@link #toBytes()} and so identical quantiles.
 *
 * <p>Each value is counted in a logarithmic bucket of its magnitude, positives and negatives apart,
 * zeros in a count of their own: bucket i holds the magnitudes in (gamma^(i-1), gamma^i], with
 * gamma = (1 + a) / (1 - a). A quantile answers its bucket's representative, 2 gamma^i / (gamma +
 * 1), which is within a relative error a of the true value at that rank. Counts add, so merging is
 * exact: the sketch keeps no sample and no order.
 *
 * <p>Bounded: each sign keeps at most {@link #MAX_BUCKETS_PER_SIGN} consecutive buckets (values
 * spanning about 35 orders of magnitude); beyond that, the lowest magnitudes are folded into the
 * lowest kept bucket and lose their accuracy, in a way that still depends only on the values (see
 * {@link BucketStore}). The exact minimum and maximum are kept too: quantile(0) and quantile(1) are
 * exact, and every answer lies between them.
 *
 * <p>Not thread-safe; {@link #merged} changes neither input. Equality is by content: two sketches
 * of the same values are equal.
 */
public final class QuantileSketch implements Sketch {
  /** Every quantile is within this fraction of the true value at its rank (for normal doubles). */
  public static final double RELATIVE_ACCURACY = LogMapping.RELATIVE_ACCURACY;

  /** The most buckets kept per sign, which bounds the memory and the stored size. */
  public static final int MAX_BUCKETS_PER_SIGN = BucketStore.MAX_SPAN;

  /**
   * The first stored byte. The accuracy and the bucket bound are not stored: a change of either
   * changes what the buckets mean, and must come with a new version.
   */
  private static final int VERSION = 1;

  private final BucketStore positive;
  private final BucketStore negative;
  private long zeroCount;
  private double min = Double.POSITIVE_INFINITY;
  private double max = Double.NEGATIVE_INFINITY;

  /** An empty sketch. */
  public QuantileSketch() {
    this(new BucketStore(), new BucketStore());
  }

  private QuantileSketch(BucketStore positive, BucketStore negative) {
    this.positive = positive;
    this.negative = negative;
  }

  /** Counts the value; NaN and infinities are ignored, -0.0 counts as 0.0. */
  public void add(double value) {
    if (!Double.isFinite(value)) {
      return;
    }
    double counted = value;
    if (value > 0) {
      positive.add(LogMapping.index(value), 1);
    } else if (value < 0) {
      negative.add(LogMapping.index(-value), 1);
    } else {
      counted = 0.0;
      zeroCount++;
    }
    min = Math.min(min, counted);
    max = Math.max(max, counted);
  }

  /** The number of values counted. */
  public long count() {
    return zeroCount + positive.total() + negative.total();
  }

  public boolean isEmpty() {
    return count() == 0;
  }

  /** The smallest value counted, exactly; NaN when empty. */
  public double min() {
    return isEmpty() ? Double.NaN : min;
  }

  /** The largest value counted, exactly; NaN when empty. */
  public double max() {
    return isEmpty() ? Double.NaN : max;
  }

  /**
   * The nearest-rank quantile: an estimate of the value at 1-based rank max(1, ceil(q * n)) of the
   * n values sorted, within {@link #RELATIVE_ACCURACY} of it; NaN when empty.
   *
   * @param q in [0, 1]
   */
  public double quantile(double q) {
    if (!(q >= 0 && q <= 1)) {
      throw new IllegalArgumentException("Quantile " + q + " not in [0, 1]");
    }
    long n = count();
    if (n == 0) {
      return Double.NaN;
    }
    long rank = Math.max(1, (long) Math.ceil(q * n));
    if (rank == 1) {
      return min;
    }
    if (rank >= n) {
      return max;
    }
    // A representative may lie just outside the values (by up to the accuracy); the true value
    // never does, so clamping only brings the answer closer.
    return Math.max(min, Math.min(max, valueAtRank(rank)));
  }

  private double valueAtRank(long rank) {
    long negatives = negative.total();
    if (rank <= negatives) {
      // Ascending values are descending magnitudes.
      return -LogMapping.value(negative.indexAtRank(negatives - rank + 1));
    }
    long rest = rank - negatives;
    if (rest <= zeroCount) {
      return 0.0;
    }
    return LogMapping.value(positive.indexAtRank(rest - zeroCount));
  }

  @Override
  public QuantileSketch merged(Sketch other) {
    if (!(other instanceof QuantileSketch that)) {
      throw new IllegalArgumentException("Cannot merge a QuantileSketch with " + other);
    }
    QuantileSketch sum = new QuantileSketch(positive.copy(), negative.copy());
    sum.zeroCount = zeroCount;
    sum.min = min;
    sum.max = max;
    sum.positive.addAll(that.positive);
    sum.negative.addAll(that.negative);
    sum.zeroCount += that.zeroCount;
    sum.min = Math.min(sum.min, that.min);
    sum.max = Math.max(sum.max, that.max);
    // Merged sketches are what rollup rows hold, in memory for as long as the job caches them.
    sum.positive.trim();
    sum.negative.trim();
    return sum;
  }

  /**
   * The stored form: the version byte, the zero count (varint), the negative then the positive
   * buckets (see {@link BucketStore#writeTo}), then, unless empty, the minimum and maximum (8 bytes
   * each, little-endian). About 2 bytes per non-empty bucket: a few hundred buckets cover values
   * spanning three orders of magnitude.
   */
  @Override
  public byte[] toBytes() {
    ByteWriter out = new ByteWriter();
    out.writeByte(VERSION);
    out.writeUnsigned(zeroCount);
    negative.writeTo(out);
    positive.writeTo(out);
    if (!isEmpty()) {
      out.writeDouble(min);
      out.writeDouble(max);
    }
    return out.toByteArray();
  }

  /**
   * Reads a stored form back.
   *
   * @throws IllegalArgumentException if the bytes are not one {@link #toBytes()} writes
   */
  public static QuantileSketch fromBytes(byte[] bytes) {
    ByteReader in = new ByteReader(bytes);
    int version = in.readByte();
    if (version != VERSION) {
      throw new IllegalArgumentException("Unknown QuantileSketch version " + version);
    }
    long zeroCount = in.readUnsigned(Long.MAX_VALUE);
    BucketStore negative = BucketStore.readFrom(in);
    BucketStore positive = BucketStore.readFrom(in);
    QuantileSketch sketch = new QuantileSketch(positive, negative);
    sketch.zeroCount = zeroCount;
    if (!sketch.isEmpty()) {
      sketch.min = in.readDouble();
      sketch.max = in.readDouble();
      if (!(Double.isFinite(sketch.min)
          && Double.isFinite(sketch.max)
          && sketch.min <= sketch.max)) {
        throw new IllegalArgumentException("Bad bounds " + sketch.min + ", " + sketch.max);
      }
    }
    in.expectEnd();
    return sketch;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof QuantileSketch that && Arrays.equals(toBytes(), that.toBytes());
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(toBytes());
  }

  /** The non-empty buckets of both signs. */
  int nonEmptyBuckets() {
    return negative.nonEmptyBuckets() + positive.nonEmptyBuckets();
  }

  @Override
  public String toString() {
    return "QuantileSketch[count="
        + count()
        + ", min="
        + min()
        + ", max="
        + max()
        + ", buckets="
        + nonEmptyBuckets()
        + "]";
  }

  /** Java serialization (Spark's closures, task results) carries the compact stored form. */
  private Object writeReplace() {
    return new Stored(toBytes());
  }

  private void readObject(ObjectInputStream in) throws InvalidObjectException {
    throw new InvalidObjectException("A QuantileSketch is serialized as its stored bytes");
  }

  private record Stored(byte[] bytes) implements Serializable {
    private Object readResolve() {
      return fromBytes(bytes);
    }
  }
}
