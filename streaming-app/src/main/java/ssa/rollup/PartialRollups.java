package ssa.rollup;

import java.io.Serializable;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One batch's events summed per rollup row, in memory: each task sums its own events, and the
 * driver merges the tasks' partials. No shuffle: a batch touches a few rows per key and grain.
 *
 * <p>Events are summed in the finest grain only, one lookup per event; the coarser rows are summed
 * from those when they are read. Every coarser bucket is a whole number of finest buckets (UTC
 * minutes make hours, days, months and years), so the figures are the same either way.
 */
public final class PartialRollups implements Serializable {
  private final Grain[] grains;
  private final int measureCount;
  private final Map<RollupKey, RollupAccumulator> finest = new HashMap<>();

  /**
   * @param grains finest first
   */
  public PartialRollups(Grain[] grains, int measureCount) {
    this.grains = grains.clone();
    this.measureCount = measureCount;
  }

  /**
   * Adds one event to its bucket of every grain; {@code values} as {@link RollupAccumulator#add}.
   */
  public void add(String key, Instant time, boolean error, double[] values) {
    finest
        .computeIfAbsent(RollupKey.of(grains[0], key, time), k -> newAccumulator())
        .add(error, values);
  }

  /** Adds another batch part's sums to these. */
  public void addAll(PartialRollups other) {
    // A new accumulator each: the other part's own may still be read.
    other.finest.forEach((key, sum) -> finest.computeIfAbsent(key, k -> newAccumulator()).add(sum));
  }

  public boolean isEmpty() {
    return finest.isEmpty();
  }

  /** Every row of every grain these events fall in, with its sums. */
  public Map<RollupKey, RollupAccumulator> rows() {
    Map<RollupKey, RollupAccumulator> rows = new HashMap<>(finest);
    for (int g = 1; g < grains.length; g++) {
      Grain grain = grains[g];
      finest.forEach(
          (key, sum) -> {
            RollupAccumulator coarser =
                rows.computeIfAbsent(
                    RollupKey.of(grain, key.key(), key.bucket()), k -> newAccumulator());
            coarser.add(sum);
          });
    }
    return rows;
  }

  public Map<RollupKey, RollupValue> values(List<String> measureNames) {
    Map<RollupKey, RollupAccumulator> rows = rows();
    Map<RollupKey, RollupValue> values = new HashMap<>(rows.size() * 2);
    rows.forEach((key, sum) -> values.put(key, sum.toValue(measureNames)));
    return values;
  }

  private RollupAccumulator newAccumulator() {
    return new RollupAccumulator(measureCount);
  }
}
