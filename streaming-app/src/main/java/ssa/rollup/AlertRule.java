package ssa.rollup;

import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A configured alert: a condition on one figure of the rows of one grain of a rollup, such as
 * {@code error_rate > 0.05} per minute. A ceiling (&gt;, &gt;=) is judged on every row a batch
 * updates, so it fires as soon as a bucket crosses it; a floor (&lt;, &lt;=) is judged once the
 * watermark closed the bucket, so a key that went quiet fires too.
 *
 * @param minCount events a bucket needs before the rule judges it (so one error in a fresh minute
 *     is not a 100% error rate)
 * @param onClose judge buckets once closed rather than on every update
 */
public record AlertRule(
    String name,
    String rollup,
    Grain grain,
    RollupFigure figure,
    Comparison comparison,
    double threshold,
    long minCount,
    boolean onClose)
    implements Serializable {

  /** Most buckets a rule judges at once when the watermark leaps: the newest are kept. */
  public static final int MAX_CLOSED_BUCKETS = 60;

  /** How the figure is compared with the threshold. */
  public enum Comparison {
    ABOVE(">"),
    AT_LEAST(">="),
    BELOW("<"),
    AT_MOST("<=");

    private final String symbol;

    Comparison(String symbol) {
      this.symbol = symbol;
    }

    public String symbol() {
      return symbol;
    }

    public boolean isFloor() {
      return this == BELOW || this == AT_MOST;
    }

    boolean holds(double value, double threshold) {
      return switch (this) {
        case ABOVE -> value > threshold;
        case AT_LEAST -> value >= threshold;
        case BELOW -> value < threshold;
        case AT_MOST -> value <= threshold;
      };
    }

    /** The comparison a symbol stands for, or null. */
    public static Comparison of(String symbol) {
      for (Comparison c : values()) {
        if (c.symbol.equals(symbol)) {
          return c;
        }
      }
      return null;
    }
  }

  /** The condition as configured, e.g. {@code error_rate > 0.05}. */
  public String condition() {
    return figure
        + " "
        + comparison.symbol()
        + " "
        + BigDecimal.valueOf(threshold).stripTrailingZeros().toPlainString();
  }

  /** Whether the rule watches rows of this rollup and grain. */
  public boolean watches(RollupKey row) {
    return row.rollup().equals(rollup) && row.grain() == grain;
  }

  /** The alert for a row whose value meets the rule, or null. */
  public Alert check(RollupKey row, RollupValue value, BatchId batch) {
    if (value.count() < minCount) {
      return null;
    }
    Double figured = figure.of(value);
    if (figured == null || !comparison.holds(figured, threshold)) {
      return null;
    }
    return new Alert(name, row, condition(), figured, batch.toString());
  }

  /**
   * The buckets of this rule's grain that end after the old watermark and at or before the new one:
   * closed by this batch, so a replay of the batch names the same ones. None before a first
   * watermark.
   */
  public List<Instant> closedBuckets(Instant watermarkBefore, Instant watermarkAfter) {
    List<Instant> closed = new ArrayList<>();
    if (watermarkBefore == null || watermarkAfter == null) {
      return closed;
    }
    Instant bucket = grain.bucketStart(watermarkAfter);
    // The bucket holding the new watermark is still open; step back from the one before it.
    bucket = grain.bucketsBefore(bucket, 1);
    while (grain.bucketEnd(bucket).isAfter(watermarkBefore) && closed.size() < MAX_CLOSED_BUCKETS) {
      closed.add(0, bucket);
      bucket = grain.bucketsBefore(bucket, 1);
    }
    return closed;
  }
}
