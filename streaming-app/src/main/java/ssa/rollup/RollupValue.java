package ssa.rollup;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import ssa.rollup.sketch.Sketch;

/**
 * The cumulative figures of one bucket: one value per {@link Aggregate}. Values combine
 * associatively, so a bucket's value is the same whatever batches its events arrived in. A measure
 * or field no event of the bucket carried is absent from its maps rather than null.
 */
public final class RollupValue implements Serializable {
  /** Before {@link #EMPTY}, which needs it. */
  private static final int AGGREGATES = Aggregate.values().length;

  public static final RollupValue EMPTY = builder().build();

  /*
   * By aggregate ordinal; null where unset. Arrays, not EnumMaps: a job holds a value for each of
   * hundreds of thousands of rows, and the maps and boxed tallies were five objects more each.
   */
  private final long[] tallies;
  private final Map<String, Double>[] measures;
  private final Map<String, Sketch>[] sketches;

  private RollupValue(Builder builder) {
    this.tallies = builder.tallies.clone();
    this.measures = builder.measures.clone();
    this.sketches = builder.sketches.clone();
  }

  /** Builds a value aggregate by aggregate; unset aggregates are zero or empty. */
  public static final class Builder {
    private final long[] tallies = new long[AGGREGATES];

    @SuppressWarnings({"unchecked", "rawtypes"})
    private final Map<String, Double>[] measures = new Map[AGGREGATES];

    @SuppressWarnings({"unchecked", "rawtypes"})
    private final Map<String, Sketch>[] sketches = new Map[AGGREGATES];

    public Builder tally(Aggregate aggregate, long value) {
      tallies[aggregate.ordinal()] = value;
      return this;
    }

    public Builder measures(Aggregate aggregate, Map<String, Double> values) {
      measures[aggregate.ordinal()] = Map.copyOf(values);
      return this;
    }

    public Builder sketches(Aggregate aggregate, Map<String, ? extends Sketch> values) {
      sketches[aggregate.ordinal()] = Map.copyOf(values);
      return this;
    }

    public RollupValue build() {
      return new RollupValue(this);
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The value with the usual figures spelt out: for tests and examples. */
  public static RollupValue of(
      long count,
      long errorCount,
      Map<String, Double> sum,
      Map<String, Double> min,
      Map<String, Double> max) {
    return builder()
        .tally(Aggregate.COUNT, count)
        .tally(Aggregate.ERROR_COUNT, errorCount)
        .measures(Aggregate.SUM, sum)
        .measures(Aggregate.MIN, min)
        .measures(Aggregate.MAX, max)
        .build();
  }

  public long tally(Aggregate aggregate) {
    return tallies[aggregate.ordinal()];
  }

  public Map<String, Double> measures(Aggregate aggregate) {
    Map<String, Double> values = measures[aggregate.ordinal()];
    return values == null ? Map.of() : values;
  }

  public Map<String, Sketch> sketches(Aggregate aggregate) {
    Map<String, Sketch> values = sketches[aggregate.ordinal()];
    return values == null ? Map.of() : values;
  }

  public long count() {
    return tally(Aggregate.COUNT);
  }

  public long errorCount() {
    return tally(Aggregate.ERROR_COUNT);
  }

  public Map<String, Double> sum() {
    return measures(Aggregate.SUM);
  }

  public Map<String, Double> min() {
    return measures(Aggregate.MIN);
  }

  public Map<String, Double> max() {
    return measures(Aggregate.MAX);
  }

  public RollupValue plus(RollupValue other) {
    Builder out = builder();
    for (Aggregate aggregate : Aggregate.TALLIES) {
      out.tally(aggregate, tally(aggregate) + other.tally(aggregate));
    }
    for (Aggregate aggregate : Aggregate.MEASURES) {
      Map<String, Double> merged = new HashMap<>(measures(aggregate));
      other.measures(aggregate).forEach((m, v) -> merged.merge(m, v, aggregate::merge));
      out.measures(aggregate, merged);
    }
    for (Aggregate aggregate : Aggregate.SKETCHES) {
      Map<String, Sketch> merged = new HashMap<>(sketches(aggregate));
      other.sketches(aggregate).forEach((f, s) -> merged.merge(f, s, Sketch::merged));
      out.sketches(aggregate, merged);
    }
    return out.build();
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof RollupValue other)) {
      return false;
    }
    for (Aggregate aggregate : Aggregate.values()) {
      boolean same =
          switch (aggregate.kind()) {
            case TALLY -> tally(aggregate) == other.tally(aggregate);
            case MEASURE -> measures(aggregate).equals(other.measures(aggregate));
            case SKETCH -> sketches(aggregate).equals(other.sketches(aggregate));
          };
      if (!same) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    return Objects.hash(count(), sum());
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder("RollupValue{");
    for (Aggregate aggregate : Aggregate.values()) {
      Object value =
          switch (aggregate.kind()) {
            case TALLY -> tally(aggregate);
            case MEASURE -> measures(aggregate);
            case SKETCH -> sketches(aggregate).keySet();
          };
      out.append(aggregate.column())
          .append('=')
          .append(value)
          .append(aggregate.ordinal() + 1 < Aggregate.values().length ? ", " : "}");
    }
    return out.toString();
  }
}
