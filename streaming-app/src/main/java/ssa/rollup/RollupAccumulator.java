package ssa.rollup;

import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The figures of one bucket while a batch is summed: mutable and array-backed, since every event
 * adds to one of these per grain. Turned into a {@link RollupValue} once the batch is summed.
 */
public final class RollupAccumulator implements Serializable {
  private static final int AGGREGATES = Aggregate.values().length;

  private final long[] tallies = new long[AGGREGATES];

  /** [aggregate][measure]; NaN where no event carried the measure yet. */
  private final double[][] measures;

  public RollupAccumulator(int measureCount) {
    measures = new double[AGGREGATES][];
    for (Aggregate aggregate : Aggregate.MEASURES) {
      measures[aggregate.ordinal()] = new double[measureCount];
      java.util.Arrays.fill(measures[aggregate.ordinal()], Double.NaN);
    }
  }

  /** Adds one event: its error flag and its measure values in configured order, NaN if absent. */
  public void add(boolean error, double[] values) {
    for (Aggregate aggregate : Aggregate.TALLIES) {
      tallies[aggregate.ordinal()] += aggregate.ofEvent(error);
    }
    for (Aggregate aggregate : Aggregate.MEASURES) {
      double[] current = measures[aggregate.ordinal()];
      for (int m = 0; m < values.length; m++) {
        current[m] = merge(aggregate, current[m], values[m]);
      }
    }
  }

  /** Adds what another accumulator of the same bucket summed. */
  public void add(RollupAccumulator other) {
    for (Aggregate aggregate : Aggregate.TALLIES) {
      tallies[aggregate.ordinal()] += other.tallies[aggregate.ordinal()];
    }
    for (Aggregate aggregate : Aggregate.MEASURES) {
      double[] current = measures[aggregate.ordinal()];
      double[] theirs = other.measures[aggregate.ordinal()];
      for (int m = 0; m < current.length; m++) {
        current[m] = merge(aggregate, current[m], theirs[m]);
      }
    }
  }

  private static double merge(Aggregate aggregate, double current, double value) {
    if (Double.isNaN(value)) {
      return current;
    }
    return Double.isNaN(current) ? value : aggregate.merge(current, value);
  }

  public RollupValue toValue(List<String> measureNames) {
    RollupValue.Builder value = RollupValue.builder();
    for (Aggregate aggregate : Aggregate.TALLIES) {
      value.tally(aggregate, tallies[aggregate.ordinal()]);
    }
    for (Aggregate aggregate : Aggregate.MEASURES) {
      Map<String, Double> byMeasure = new HashMap<>();
      double[] current = measures[aggregate.ordinal()];
      for (int m = 0; m < current.length; m++) {
        if (!Double.isNaN(current[m])) {
          byMeasure.put(measureNames.get(m), current[m]);
        }
      }
      value.measures(aggregate, byMeasure);
    }
    return value.build();
  }
}
