package ssa.rollup;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BinaryOperator;

/**
 * The cumulative figures of one bucket: event count, error count, and sum, min and max of every
 * measure. Values combine associatively, so a bucket's value is the same whatever batches its
 * events arrived in.
 */
public record RollupValue(
    long count, long errorCount, Map<String, Double> sum, Map<String, Double> min,
    Map<String, Double> max)
    implements Serializable {

  public static final RollupValue EMPTY = new RollupValue(0, 0, Map.of(), Map.of(), Map.of());

  public RollupValue {
    sum = Map.copyOf(sum);
    min = Map.copyOf(min);
    max = Map.copyOf(max);
  }

  public RollupValue plus(RollupValue other) {
    return new RollupValue(
        count + other.count,
        errorCount + other.errorCount,
        combine(sum, other.sum, Double::sum),
        combine(min, other.min, Math::min),
        combine(max, other.max, Math::max));
  }

  private static Map<String, Double> combine(
      Map<String, Double> a, Map<String, Double> b, BinaryOperator<Double> op) {
    Map<String, Double> out = new HashMap<>(a);
    b.forEach((measure, value) -> out.merge(measure, value, op));
    return out;
  }
}
