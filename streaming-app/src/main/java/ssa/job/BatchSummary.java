package ssa.job;

import java.io.Serializable;
import java.time.Instant;
import ssa.rollup.BatchRollups;
import ssa.rollup.EventClassifier.Verdict;
import ssa.store.RawArrivals;

/**
 * What the tasks of one batch found and wrote, summed per task and merged on the driver: returned
 * as the tasks' results rather than counted in accumulators, so a retried task counts once.
 */
final class BatchSummary implements Serializable {
  private final long[] lines = new long[Verdict.values().length];
  final BatchRollups rollups;
  final RawArrivals arrivals = new RawArrivals();

  /** The newest event time among valid events, as far as it moves progress; null without any. */
  Instant newestProgress;

  /** The newest receiving time among valid events; null without any. */
  Instant newestReceived;

  BatchSummary(BatchRollups rollups) {
    this.rollups = rollups;
  }

  void count(Verdict verdict) {
    lines[verdict.ordinal()]++;
  }

  long lines(Verdict verdict) {
    return lines[verdict.ordinal()];
  }

  long totalLines() {
    long total = 0;
    for (long n : lines) {
      total += n;
    }
    return total;
  }

  void sawValid(Instant progressTime, Instant receivedAt) {
    newestProgress = later(newestProgress, progressTime);
    newestReceived = later(newestReceived, receivedAt);
  }

  BatchSummary merge(BatchSummary other) {
    for (int i = 0; i < lines.length; i++) {
      lines[i] += other.lines[i];
    }
    rollups.addAll(other.rollups);
    arrivals.addAll(other.arrivals);
    newestProgress = later(newestProgress, other.newestProgress);
    newestReceived = later(newestReceived, other.newestReceived);
    return this;
  }

  static Instant later(Instant a, Instant b) {
    if (a == null) {
      return b;
    }
    return b == null || a.isAfter(b) ? a : b;
  }
}
