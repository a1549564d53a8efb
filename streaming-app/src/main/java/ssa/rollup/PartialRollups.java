package ssa.rollup;

import java.io.Serializable;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One batch's events summed per rollup row, in memory: each task sums its own events, and the
 * driver merges the tasks' partials. No shuffle: a batch touches a few rows per key and grain.
 */
public final class PartialRollups implements Serializable {
  private final Grain[] grains;
  private final int measureCount;
  private final Map<RollupKey, RollupAccumulator> rows = new HashMap<>();

  public PartialRollups(Grain[] grains, int measureCount) {
    this.grains = grains.clone();
    this.measureCount = measureCount;
  }

  /** Adds one event to its bucket of every grain; {@code values} as {@link RollupAccumulator#add}. */
  public void add(String key, Instant time, boolean error, double[] values) {
    for (Grain grain : grains) {
      rows.computeIfAbsent(RollupKey.of(grain, key, time), k -> new RollupAccumulator(measureCount))
          .add(error, values);
    }
  }

  /** Adds another batch part's sums to these. */
  public void addAll(PartialRollups other) {
    other.rows.forEach(
        (key, sum) -> {
          RollupAccumulator mine = rows.get(key);
          if (mine == null) {
            rows.put(key, sum);
          } else {
            mine.add(sum);
          }
        });
  }

  public boolean isEmpty() {
    return rows.isEmpty();
  }

  public Map<RollupKey, RollupAccumulator> rows() {
    return rows;
  }

  public Map<RollupKey, RollupValue> values(List<String> measureNames) {
    Map<RollupKey, RollupValue> values = new HashMap<>(rows.size() * 2);
    rows.forEach((key, sum) -> values.put(key, sum.toValue(measureNames)));
    return values;
  }
}
