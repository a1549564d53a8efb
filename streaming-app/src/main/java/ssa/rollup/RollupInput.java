package ssa.rollup;

/**
 * What one event gives one rollup, read by {@link RollupInputReader}: the key of its row, and the
 * values of the definition's measures, distinct-count fields and percentile measures, in the
 * definition's order. One instance is reused for every event of a task.
 */
public final class RollupInput {
  String key;

  /** The group-by values the key is made of, refilled for each event. */
  final String[] groupValues;

  /** NaN where the event lacks the measure. */
  final double[] measures;

  /** Canonical text of each distinct-count field; null where the event lacks it. */
  final String[] distinct;

  /** NaN where the event lacks the measure. */
  final double[] quantiles;

  RollupInput(RollupDefinition definition) {
    groupValues = new String[definition.groupBy().size()];
    measures = new double[definition.measures().size()];
    distinct = new String[definition.distinct().size()];
    quantiles = new double[definition.quantileMeasures().size()];
  }

  public String key() {
    return key;
  }
}
