package ssa.rollup;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import ssa.rollup.sketch.DistinctSketch;
import ssa.rollup.sketch.QuantileSketch;
import ssa.rollup.sketch.Sketch;

/**
 * The numbers a rollup row shows beside its stored figures, so cqlsh users read numbers, not bytes:
 * avg per measure, distinct count per field, and each configured percentile of a measure (keyed
 * like {@code latency_ms.p99}). Derived from the value alone, so written again with every write.
 */
public record DerivedFigures(
    Map<String, Double> avg, Map<String, Long> distinct, Map<String, Double> quantiles) {

  public static DerivedFigures of(RollupDefinition definition, RollupValue value) {
    Map<String, Double> avg = new HashMap<>();
    value
        .sum()
        .keySet()
        .forEach(
            measure -> {
              Double a = avg(value, measure);
              if (a != null) {
                avg.put(measure, a);
              }
            });
    Map<String, Long> distinct = new HashMap<>();
    value.sketches(Aggregate.DISTINCT).keySet().forEach(f -> distinct.put(f, distinct(value, f)));
    Map<String, Double> quantiles = new HashMap<>();
    definition
        .percentiles()
        .forEach(
            (measure, percentiles) -> {
              for (double p : percentiles) {
                Double q = quantile(value, measure, p);
                if (q != null) {
                  quantiles.put(quantileName(measure, p), q);
                }
              }
            });
    return new DerivedFigures(avg, distinct, quantiles);
  }

  /** A measure's average in a row, or null when no event of the row carried it. */
  static Double avg(RollupValue value, String measure) {
    Double sum = value.sum().get(measure);
    Double n = value.measures(Aggregate.SAMPLES).get(measure);
    return sum == null || n == null || n <= 0 ? null : sum / n;
  }

  /** A field's estimated distinct values in a row; 0 when no event carried it. */
  static long distinct(RollupValue value, String field) {
    Sketch sketch = value.sketches(Aggregate.DISTINCT).get(field);
    return sketch == null ? 0 : ((DistinctSketch) sketch).estimate();
  }

  /** A measure's percentile (0-100] in a row, or null when no event of the row carried it. */
  static Double quantile(RollupValue value, String measure, double percentile) {
    QuantileSketch sketch = (QuantileSketch) value.sketches(Aggregate.QUANTILES).get(measure);
    return sketch == null || sketch.count() == 0 ? null : sketch.quantile(percentile / 100);
  }

  /** The key of a percentile in the quantiles column: {@code latency_ms.p99}, {@code x.p99.9}. */
  public static String quantileName(String measure, double percentile) {
    String p =
        percentile == Math.rint(percentile)
            ? Long.toString((long) percentile)
            : Double.toString(percentile);
    return measure + ".p" + p;
  }

  /** The percentile names of a definition, for readers that list them. */
  public static List<String> quantileNames(RollupDefinition definition) {
    return definition.quantileMeasures().stream()
        .flatMap(m -> definition.percentiles().get(m).stream().map(p -> quantileName(m, p)))
        .toList();
  }
}
