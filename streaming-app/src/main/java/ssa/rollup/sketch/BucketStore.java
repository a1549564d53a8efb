package ssa.rollup.sketch;

import java.util.Arrays;

/**
 * The counts per bucket index of one sign of a {@link QuantileSketch}, in a dense array spanning
 * the non-empty indexes.
 *
 * <p>The span is bounded: no more than {@link #MAX_SPAN} consecutive indexes are kept. When a
 * higher index arrives, every bucket below {@code floor = highest - MAX_SPAN + 1} is folded into
 * the bucket at {@code floor}; an index arriving below the floor is counted at the floor. So the
 * lowest magnitudes lose their accuracy first, and only when the values span more than gamma^4096
 * (about 10^35 for 1% accuracy).
 *
 * <p>Folding keeps the store a function of the multiset of indexes added, whatever their order or
 * grouping, which is what lets merged sketches equal one built from all values at once. The final
 * state is: every index below {@code max - MAX_SPAN + 1} (max the highest index ever added) counted
 * at that floor, every other index counted exactly. Each fold only moves counts from below a floor
 * to that floor, and a floor is never above the final one (the highest index only grows, and a
 * part's highest is at most the whole's), so a fold only moves counts that the final state also
 * moves, to an index at or below the final floor, whence a later fold moves them on to the final
 * floor. Counts at or above the final floor are never moved.
 */
final class BucketStore {
  /** The most consecutive bucket indexes one sign keeps. */
  static final int MAX_SPAN = 4096;

  private static final int INITIAL_LENGTH = 32;

  private long[] counts = new long[0];

  /** The bucket index of counts[0]. */
  private int base;

  /** The lowest and highest non-empty index; meaningful only when total > 0. */
  private int lowest;

  private int highest;
  private long total;

  BucketStore copy() {
    BucketStore copy = new BucketStore();
    copy.counts = counts.clone();
    copy.base = base;
    copy.lowest = lowest;
    copy.highest = highest;
    copy.total = total;
    return copy;
  }

  void add(int index, long count) {
    int at = index;
    if (total == 0) {
      lowest = at;
      highest = at;
      ensureRange(at, at);
    } else if (at > highest) {
      highest = at;
      foldBelow(highest - MAX_SPAN + 1);
      ensureRange(lowest, highest);
    } else if (at < lowest) {
      at = Math.max(at, highest - MAX_SPAN + 1);
      lowest = at;
      ensureRange(lowest, highest);
    }
    counts[at - base] += count;
    total += count;
  }

  void addAll(BucketStore other) {
    for (int index = other.lowest; other.total > 0 && index <= other.highest; index++) {
      long count = other.count(index);
      if (count > 0) {
        add(index, count);
      }
    }
  }

  long total() {
    return total;
  }

  int lowest() {
    return lowest;
  }

  int highest() {
    return highest;
  }

  long count(int index) {
    int at = index - base;
    return at >= 0 && at < counts.length ? counts[at] : 0;
  }

  int nonEmptyBuckets() {
    int buckets = 0;
    for (int index = lowest; total > 0 && index <= highest; index++) {
      if (count(index) > 0) {
        buckets++;
      }
    }
    return buckets;
  }

  /** The index of the bucket holding the rank-th smallest magnitude, rank in [1, total]. */
  int indexAtRank(long rank) {
    long seen = 0;
    for (int index = lowest; index < highest; index++) {
      seen += count(index);
      if (seen >= rank) {
        return index;
      }
    }
    return highest;
  }

  /**
   * Non-empty buckets in ascending index order: their number, then the first index (zigzag) and
   * each next one as the gap from the previous, each followed by its count.
   */
  void writeTo(ByteWriter out) {
    out.writeUnsigned(nonEmptyBuckets());
    int previous = 0;
    boolean first = true;
    for (int index = lowest; total > 0 && index <= highest; index++) {
      long count = count(index);
      if (count == 0) {
        continue;
      }
      if (first) {
        out.writeSigned(index);
        first = false;
      } else {
        out.writeUnsigned(index - previous);
      }
      out.writeUnsigned(count);
      previous = index;
    }
  }

  /** Reads what {@link #writeTo} wrote, rejecting what it never writes. */
  static BucketStore readFrom(ByteReader in) {
    BucketStore store = new BucketStore();
    long buckets = in.readUnsigned(MAX_SPAN);
    long index = 0;
    for (long i = 0; i < buckets; i++) {
      index = i == 0 ? in.readSigned() : index + in.readUnsigned(MAX_SPAN - 1);
      if (i > 0 && index <= store.highest) {
        throw new IllegalArgumentException("Bucket indexes not ascending at " + index);
      }
      if (index < LogMapping.MIN_INDEX || index > LogMapping.MAX_INDEX) {
        throw new IllegalArgumentException("Bucket index " + index + " out of range");
      }
      if (i > 0 && index - store.lowest >= MAX_SPAN) {
        throw new IllegalArgumentException("Buckets span more than " + MAX_SPAN + " indexes");
      }
      long count = in.readUnsigned(Long.MAX_VALUE - store.total);
      if (count == 0) {
        throw new IllegalArgumentException("Empty bucket " + index + " stored");
      }
      store.add((int) index, count);
    }
    store.trim();
    return store;
  }

  /**
   * Shrinks the array to the non-empty indexes. For a store that is kept rather than added to: a
   * job holds a sketch per rollup row it caches, and the room {@link #ensureRange} leaves to grow
   * doubled the memory those rows take.
   */
  void trim() {
    if (total == 0) {
      counts = new long[0];
      base = 0;
      return;
    }
    int length = highest - lowest + 1;
    if (length < counts.length) {
      counts = Arrays.copyOfRange(counts, lowest - base, lowest - base + length);
      base = lowest;
    }
  }

  /** Moves the counts of every bucket below floor to floor. */
  private void foldBelow(int floor) {
    if (lowest >= floor) {
      return;
    }
    long folded = 0;
    for (int index = lowest; index < floor && index <= highest; index++) {
      int at = index - base;
      if (at >= 0 && at < counts.length) {
        folded += counts[at];
        counts[at] = 0;
      }
    }
    lowest = floor;
    ensureRange(floor, highest);
    counts[floor - base] += folded;
  }

  /** Makes the array cover [from, to], a range of at most MAX_SPAN indexes holding all counts. */
  private void ensureRange(int from, int to) {
    if (counts.length > 0 && from >= base && to < base + counts.length) {
      return;
    }
    int span = to - from + 1;
    // Room to grow both ways, so a slowly widening range is not copied on every new index.
    int length = Math.min(MAX_SPAN, Math.max(INITIAL_LENGTH, Math.max(2 * span, counts.length)));
    int newBase = from - (length - span) / 2;
    long[] grown = new long[length];
    int copyFrom = Math.max(base, newBase);
    int copyTo = Math.min(base + counts.length, newBase + length);
    if (copyFrom < copyTo) {
      System.arraycopy(counts, copyFrom - base, grown, copyFrom - newBase, copyTo - copyFrom);
    }
    counts = grown;
    base = newBase;
  }
}
