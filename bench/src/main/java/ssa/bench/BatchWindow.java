package ssa.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;

/**
 * Figures over a measured window, computed from the rows the job wrote to its {@code batch_stats}
 * table: one row per micro-batch, with its lines, its newest event time and when it started and
 * finished. Nothing here knows the job's classes; only the table's columns.
 */
final class BatchWindow {
  /** One row of {@code batch_stats}. */
  record Batch(
      long batchId, long inputLines, Instant maxEventTime, Instant startedAt, Instant finishedAt) {
    Duration duration() {
      return Duration.between(startedAt, finishedAt);
    }

    /** Finished minus newest event time; empty for a batch without events. */
    OptionalLong latencyMs() {
      if (maxEventTime == null || inputLines == 0) {
        return OptionalLong.empty();
      }
      return OptionalLong.of(Duration.between(maxEventTime, finishedAt).toMillis());
    }
  }

  private BatchWindow() {}

  /** Batches that finished in [from, to), oldest first. */
  static List<Batch> finishedIn(List<Batch> batches, Instant from, Instant to) {
    return batches.stream()
        .filter(b -> !b.finishedAt().isBefore(from) && b.finishedAt().isBefore(to))
        .sorted(Comparator.comparing(Batch::finishedAt))
        .toList();
  }

  /** Sum of input lines of batches that finished at or before {@code at}. */
  static long linesFinishedBy(List<Batch> batches, Instant at) {
    return batches.stream()
        .filter(b -> !b.finishedAt().isAfter(at))
        .mapToLong(Batch::inputLines)
        .sum();
  }

  /**
   * Lines processed within [from, to): each batch counts with the share of its run (started to
   * finished) that falls in the window, as if it worked its lines off evenly. A flooded job runs
   * few long batches, and counting only those that finished in the window would count 0, 1 or 2 of
   * them whatever the rate.
   */
  static double proratedLines(List<Batch> batches, Instant from, Instant to) {
    double lines = 0;
    for (Batch b : batches) {
      long run = b.duration().toMillis();
      if (run <= 0) {
        if (!b.finishedAt().isBefore(from) && b.finishedAt().isBefore(to)) {
          lines += b.inputLines();
        }
        continue;
      }
      long start = Math.max(b.startedAt().toEpochMilli(), from.toEpochMilli());
      long end = Math.min(b.finishedAt().toEpochMilli(), to.toEpochMilli());
      if (end > start) {
        lines += b.inputLines() * (double) (end - start) / run;
      }
    }
    return lines;
  }

  /** Share of [from, to) during which a batch was running: 1 for a job that never waited. */
  static double busyShare(List<Batch> batches, Instant from, Instant to) {
    long window = to.toEpochMilli() - from.toEpochMilli();
    if (window <= 0) {
      return Double.NaN;
    }
    long busy = 0;
    for (Batch b : batches) {
      long start = Math.max(b.startedAt().toEpochMilli(), from.toEpochMilli());
      long end = Math.min(b.finishedAt().toEpochMilli(), to.toEpochMilli());
      busy += Math.max(0, end - start);
    }
    return Math.min(1.0, busy / (double) window);
  }

  /** Nearest-rank percentile of the batches' latencies, in ms; empty with no batch. */
  static OptionalLong percentileLatencyMs(List<Batch> batches, double p) {
    List<Long> latencies = new ArrayList<>();
    for (Batch b : batches) {
      b.latencyMs().ifPresent(latencies::add);
    }
    if (latencies.isEmpty()) {
      return OptionalLong.empty();
    }
    latencies.sort(null);
    int rank = (int) Math.ceil(p * latencies.size());
    return OptionalLong.of(latencies.get(Math.max(0, Math.min(latencies.size(), rank) - 1)));
  }

  /** Least squares fit of batch duration against input lines: duration = a + b * lines. */
  record Fit(
      int batches, double fixedMs, double microsPerLine, double r2, long minLines, long maxLines) {}

  /** Empty batches are left out: Spark then skips most of the work, not only the lines. */
  static Fit fit(List<Batch> batches) {
    List<Batch> used = batches.stream().filter(b -> b.inputLines() > 0).toList();
    int n = used.size();
    if (n < 3) {
      return new Fit(n, Double.NaN, Double.NaN, Double.NaN, 0, 0);
    }
    double sx = 0, sy = 0;
    long min = Long.MAX_VALUE, max = 0;
    for (Batch b : used) {
      sx += b.inputLines();
      sy += b.duration().toMillis();
      min = Math.min(min, b.inputLines());
      max = Math.max(max, b.inputLines());
    }
    double mx = sx / n, my = sy / n;
    double sxx = 0, sxy = 0, syy = 0;
    for (Batch b : used) {
      double dx = b.inputLines() - mx;
      double dy = b.duration().toMillis() - my;
      sxx += dx * dx;
      sxy += dx * dy;
      syy += dy * dy;
    }
    if (sxx == 0) {
      return new Fit(n, Double.NaN, Double.NaN, Double.NaN, min, max);
    }
    double slope = sxy / sxx;
    double intercept = my - slope * mx;
    double r2 = syy == 0 ? 1 : (sxy * sxy) / (sxx * syy);
    return new Fit(n, intercept, slope * 1000, r2, min, max);
  }
}
