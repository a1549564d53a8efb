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
    Map<String, Double> samples = value.measures(Aggregate.SAMPLES);
    value
        .sum()
        .forEach(
            (measure, sum) -> {
              Double n = samples.get(measure);
              if (n != null && n > 0) {
                avg.put(measure, sum / n);
              }
            });
    Map<String, Long> distinct = new HashMap<>();
    value
        .sketches(Aggregate.DISTINCT)
        .forEach((field, sketch) -> distinct.put(field, ((DistinctSketch) sketch).estimate()));
    Map<String, Double> quantiles = new HashMap<>();
    Map<String, Sketch> values = value.sketches(Aggregate.QUANTILES);
    definition
        .percentiles()
        .forEach(
            (measure, percentiles) -> {
              QuantileSketch sketch = (QuantileSketch) values.get(measure);
              if (sketch != null && sketch.count() > 0) {
                for (double p : percentiles) {
                  quantiles.put(quantileName(measure, p), sketch.quantile(p / 100));
                }
              }
            });
    return new DerivedFigures(avg, distinct, quantiles);
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
