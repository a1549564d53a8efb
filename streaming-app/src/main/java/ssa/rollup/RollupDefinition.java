package ssa.rollup;

import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One configured rollup: which fields it groups events by, the grains it keeps (finest first), its
 * figures, and how long each grain's rows live. Checked when the settings are read, so the batch
 * side, the store and the incremental side can trust it.
 *
 * @param name stored in the rollup column; letters, digits and _
 * @param groupBy the fields whose values make a row's key; empty rolls up the whole stream
 * @param grains the grains kept, finest first, at least one
 * @param measures numeric fields that get sum, min, max and avg
 * @param distinct fields whose distinct values are counted (approximately, by a sketch)
 * @param percentiles per numeric field, the percentiles kept, each in (0, 100]
 * @param retention per grain, how long its rows live after their last write; a grain not listed is
 *     kept forever
 */
public record RollupDefinition(
    String name,
    List<String> groupBy,
    List<Grain> grains,
    List<String> measures,
    List<String> distinct,
    Map<String, List<Double>> percentiles,
    Map<Grain, Duration> retention)
    implements Serializable {

  public RollupDefinition {
    groupBy = List.copyOf(groupBy);
    grains = List.copyOf(grains);
    measures = List.copyOf(measures);
    distinct = List.copyOf(distinct);
    percentiles = Map.copyOf(percentiles);
    retention = Map.copyOf(retention);
  }

  /** The definitions by name, in their configured order. */
  public static Map<String, RollupDefinition> byName(List<RollupDefinition> definitions) {
    Map<String, RollupDefinition> out = new java.util.LinkedHashMap<>();
    definitions.forEach(d -> out.put(d.name(), d));
    return java.util.Collections.unmodifiableMap(out);
  }

  /** The measures that get percentiles, in a stable order. */
  public List<String> quantileMeasures() {
    return percentiles.keySet().stream().sorted().toList();
  }

  /**
   * Whether its rows hold the aggregate: the tallies always, the others only when the definition
   * names fields for them (measures for sum, min, max and samples; distinct fields; percentiles).
   */
  public boolean keeps(Aggregate aggregate) {
    return switch (aggregate.kind()) {
      case TALLY -> true;
      case MEASURE -> !measures.isEmpty();
      case SKETCH -> aggregate == Aggregate.DISTINCT ? !distinct.isEmpty() : !percentiles.isEmpty();
    };
  }

  /** Seconds a row of the grain lives (Cassandra's TTL); 0 for ever. */
  public int timeToLiveSeconds(Grain grain) {
    Duration kept = retention.get(grain);
    return kept == null ? 0 : (int) kept.toSeconds();
  }

  public Grain finest() {
    return grains.get(0);
  }

  /**
   * Whether a row of the grain can be rebuilt as the sum of the stored rows of the next finer grain
   * it keeps: not the finest, and those finer rows live at least twice as long as one of its
   * buckets, so all of a bucket's are there while it still changes.
   */
  public boolean rebuildable(Grain grain) {
    Grain finer = finerKept(grain);
    if (finer == null) {
      return false;
    }
    Duration kept = retention.get(finer);
    // In whole seconds: Duration.multipliedBy goes through BigDecimal, and this runs per row.
    return kept == null || kept.getSeconds() >= 2 * grain.longestBucket().getSeconds();
  }

  /** The next finer grain this rollup keeps below the given one, or null for its finest. */
  public Grain finerKept(Grain grain) {
    int at = grains.indexOf(grain);
    return at <= 0 ? null : grains.get(at - 1);
  }
}
