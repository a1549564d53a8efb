package ssa.rollup;

import java.io.Serializable;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One batch's events summed per row of one rollup, in memory: each task sums its own events, and
 * the driver merges the tasks' partials. No shuffle: a batch touches a few rows per key and grain.
 *
 * <p>Events are summed in the finest grain only, one lookup per event; the coarser rows are summed
 * from those when they are read. Every coarser bucket is a whole number of finer buckets (UTC
 * minutes make hours, days, months and years), so the figures are the same either way.
 */
public final class PartialRollups implements Serializable {
  private final RollupDefinition definition;
  private final List<Grain> grains;
  private final Map<RollupKey, RollupAccumulator> finest = new HashMap<>();

  /**
   * @param grains the grains to sum, finest first
   */
  public PartialRollups(RollupDefinition definition, List<Grain> grains) {
    this.definition = definition;
    this.grains = List.copyOf(grains);
  }

  /** Adds one event to its bucket of the finest grain. */
  public void add(Instant time, boolean error, RollupInput event) {
    finest
        .computeIfAbsent(
            RollupKey.of(definition.name(), grains.get(0), event.key, time),
            k -> new RollupAccumulator(definition))
        .add(error, event);
  }

  /** Adds another batch part's sums to these. */
  public void addAll(PartialRollups other) {
    // A new accumulator each: the other part's own may still be read.
    other.finest.forEach(
        (key, sum) -> finest.computeIfAbsent(key, k -> new RollupAccumulator(definition)).add(sum));
  }

  public boolean isEmpty() {
    return finest.isEmpty();
  }

  /** Every row of every grain these events fall in, with its sums. */
  public Map<RollupKey, RollupAccumulator> rows() {
    Map<RollupKey, RollupAccumulator> rows = new HashMap<>(finest);
    for (Grain grain : grains.subList(1, grains.size())) {
      finest.forEach(
          (key, sum) ->
              rows.computeIfAbsent(key.in(grain), k -> new RollupAccumulator(definition)).add(sum));
    }
    return rows;
  }
}
