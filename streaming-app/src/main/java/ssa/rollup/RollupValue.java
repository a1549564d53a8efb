package ssa.rollup;

import java.io.Serializable;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The cumulative figures of one bucket: one value per {@link Aggregate}. Values combine
 * associatively, so a bucket's value is the same whatever batches its events arrived in. A measure
 * no event of the bucket carried is absent from its maps rather than null.
 */
public final class RollupValue implements Serializable {
  public static final RollupValue EMPTY =
      new RollupValue(new EnumMap<>(Aggregate.class), new EnumMap<>(Aggregate.class));

  private final EnumMap<Aggregate, Long> tallies;
  private final EnumMap<Aggregate, Map<String, Double>> measures;

  private RollupValue(
      EnumMap<Aggregate, Long> tallies, EnumMap<Aggregate, Map<String, Double>> measures) {
    this.tallies = tallies;
    this.measures = measures;
  }

  /** Builds a value aggregate by aggregate; unset aggregates are zero or empty. */
  public static final class Builder {
    private final EnumMap<Aggregate, Long> tallies = new EnumMap<>(Aggregate.class);
    private final EnumMap<Aggregate, Map<String, Double>> measures = new EnumMap<>(Aggregate.class);

    public Builder tally(Aggregate aggregate, long value) {
      tallies.put(aggregate, value);
      return this;
    }

    public Builder measures(Aggregate aggregate, Map<String, Double> values) {
      measures.put(aggregate, Map.copyOf(values));
      return this;
    }

    public RollupValue build() {
      return new RollupValue(tallies, measures);
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
    return tallies.getOrDefault(aggregate, 0L);
  }

  public Map<String, Double> measures(Aggregate aggregate) {
    return measures.getOrDefault(aggregate, Map.of());
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
    return out.build();
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof RollupValue other)) {
      return false;
    }
    for (Aggregate aggregate : Aggregate.TALLIES) {
      if (tally(aggregate) != other.tally(aggregate)) {
        return false;
      }
    }
    for (Aggregate aggregate : Aggregate.MEASURES) {
      if (!measures(aggregate).equals(other.measures(aggregate))) {
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
      out.append(aggregate.column())
          .append('=')
          .append(aggregate.kind() == Aggregate.Kind.TALLY ? tally(aggregate) : measures(aggregate))
          .append(aggregate.ordinal() + 1 < Aggregate.values().length ? ", " : "}");
    }
    return out.toString();
  }
}
