package ssa.rollup;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.io.Serializable;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import ssa.rollup.sketch.DistinctSketch;
import ssa.rollup.sketch.QuantileSketch;
import ssa.rollup.sketch.Sketch;

/**
 * The figures of one bucket of one rollup while a batch is summed: mutable and array-backed, since
 * every event adds to one of these. Turned into a {@link RollupValue} once the batch is summed.
 */
public final class RollupAccumulator implements Serializable {
  private static final int AGGREGATES = Aggregate.values().length;

  private final RollupDefinition definition;
  private final long[] tallies = new long[AGGREGATES];

  /** [aggregate][measure of the definition]; NaN where no event carried the measure yet. */
  private final double[][] measures;

  private final DistinctSketch[] distinct;
  private final QuantileSketch[] quantiles;

  public RollupAccumulator(RollupDefinition definition) {
    this.definition = definition;
    int measureCount = definition.measures().size();
    measures = new double[AGGREGATES][];
    for (Aggregate aggregate : Aggregate.MEASURES) {
      measures[aggregate.ordinal()] = new double[measureCount];
      Arrays.fill(measures[aggregate.ordinal()], Double.NaN);
    }
    distinct = new DistinctSketch[definition.distinct().size()];
    for (int d = 0; d < distinct.length; d++) {
      distinct[d] = new DistinctSketch();
    }
    quantiles = new QuantileSketch[definition.quantileMeasures().size()];
    for (int q = 0; q < quantiles.length; q++) {
      quantiles[q] = new QuantileSketch();
    }
  }

  /** Adds one event as {@link RollupInput} holds it. */
  public void add(boolean error, RollupInput event) {
    for (Aggregate aggregate : Aggregate.TALLIES) {
      tallies[aggregate.ordinal()] += aggregate.ofEvent(error);
    }
    double[] values = event.measures;
    for (Aggregate aggregate : Aggregate.MEASURES) {
      double[] current = measures[aggregate.ordinal()];
      for (int m = 0; m < values.length; m++) {
        if (!Double.isNaN(values[m])) {
          current[m] = merge(aggregate, current[m], aggregate.ofValue(values[m]));
        }
      }
    }
    for (int d = 0; d < distinct.length; d++) {
      distinct[d].add(event.distinct[d]);
    }
    for (int q = 0; q < quantiles.length; q++) {
      quantiles[q].add(event.quantiles[q]);
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
    for (int d = 0; d < distinct.length; d++) {
      distinct[d] = distinct[d].merged(other.distinct[d]);
    }
    for (int q = 0; q < quantiles.length; q++) {
      quantiles[q] = quantiles[q].merged(other.quantiles[q]);
    }
  }

  private static double merge(Aggregate aggregate, double current, double value) {
    if (Double.isNaN(value)) {
      return current;
    }
    return Double.isNaN(current) ? value : aggregate.merge(current, value);
  }

  /** Writes the figures, without the definition, for {@link #readFrom} with the same one. */
  void writeTo(DataOutput out) throws IOException {
    for (Aggregate aggregate : Aggregate.TALLIES) {
      out.writeLong(tallies[aggregate.ordinal()]);
    }
    for (Aggregate aggregate : Aggregate.MEASURES) {
      for (double value : measures[aggregate.ordinal()]) {
        out.writeDouble(value);
      }
    }
    for (DistinctSketch sketch : distinct) {
      writeBytes(out, sketch.toBytes());
    }
    for (QuantileSketch sketch : quantiles) {
      writeBytes(out, sketch.toBytes());
    }
  }

  /** The figures {@link #writeTo} wrote for an accumulator of this definition. */
  static RollupAccumulator readFrom(RollupDefinition definition, DataInput in) throws IOException {
    RollupAccumulator sums = new RollupAccumulator(definition);
    for (Aggregate aggregate : Aggregate.TALLIES) {
      sums.tallies[aggregate.ordinal()] = in.readLong();
    }
    for (Aggregate aggregate : Aggregate.MEASURES) {
      double[] values = sums.measures[aggregate.ordinal()];
      for (int m = 0; m < values.length; m++) {
        values[m] = in.readDouble();
      }
    }
    for (int d = 0; d < sums.distinct.length; d++) {
      sums.distinct[d] = DistinctSketch.fromBytes(readBytes(in));
    }
    for (int q = 0; q < sums.quantiles.length; q++) {
      sums.quantiles[q] = QuantileSketch.fromBytes(readBytes(in));
    }
    return sums;
  }

  private static void writeBytes(DataOutput out, byte[] bytes) throws IOException {
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  private static byte[] readBytes(DataInput in) throws IOException {
    byte[] bytes = new byte[in.readInt()];
    in.readFully(bytes);
    return bytes;
  }

  public RollupValue toValue() {
    RollupValue.Builder value = RollupValue.builder();
    for (Aggregate aggregate : Aggregate.TALLIES) {
      value.tally(aggregate, tallies[aggregate.ordinal()]);
    }
    List<String> measureNames = definition.measures();
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
    value.sketches(Aggregate.DISTINCT, nonEmpty(definition.distinct(), distinct));
    value.sketches(Aggregate.QUANTILES, nonEmpty(definition.quantileMeasures(), quantiles));
    return value.build();
  }

  /** The sketches that saw a value, by field: like a measure, a field never seen is absent. */
  private static Map<String, Sketch> nonEmpty(List<String> fields, Sketch[] sketches) {
    Map<String, Sketch> byField = new HashMap<>();
    for (int i = 0; i < sketches.length; i++) {
      if (!isEmpty(sketches[i])) {
        byField.put(fields.get(i), sketches[i]);
      }
    }
    return byField;
  }

  private static boolean isEmpty(Sketch sketch) {
    return sketch instanceof DistinctSketch d
        ? d.isEmpty()
        : ((QuantileSketch) sketch).count() == 0;
  }
}
