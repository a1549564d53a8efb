package ssa.rollup;

import java.io.Serializable;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * The sums of one batch (or one part of it) for every configured rollup: what a task returns and
 * the driver merges. The streaming side sums every grain a rollup keeps; the incremental side only
 * the finest, building the coarser ones from stored rows.
 */
public final class BatchRollups implements Serializable {
  private final List<RollupDefinition> definitions;
  private final List<PartialRollups> parts;

  private BatchRollups(List<RollupDefinition> definitions, boolean finestOnly) {
    this.definitions = List.copyOf(definitions);
    this.parts =
        definitions.stream()
            .map(d -> new PartialRollups(d, finestOnly ? List.of(d.finest()) : d.grains()))
            .toList();
  }

  /** Sums for every grain of every rollup. */
  public static BatchRollups allGrains(List<RollupDefinition> definitions) {
    return new BatchRollups(definitions, false);
  }

  /** Sums for the finest grain of every rollup only. */
  public static BatchRollups finestGrains(List<RollupDefinition> definitions) {
    return new BatchRollups(definitions, true);
  }

  /** Adds parsed event rows of one schema to these sums; made where the rows are, in a task. */
  public final class Adder {
    private final RollupInputReader[] readers;
    private final RollupInput[] inputs;

    private Adder(StructType schema) {
      readers = new RollupInputReader[definitions.size()];
      inputs = new RollupInput[definitions.size()];
      for (int d = 0; d < readers.length; d++) {
        readers[d] = new RollupInputReader(definitions.get(d), schema);
        inputs[d] = readers[d].newInput();
      }
    }

    public void add(Row event, Instant time, boolean error) {
      for (int d = 0; d < readers.length; d++) {
        readers[d].read(event, inputs[d]);
        parts.get(d).add(time, error, inputs[d]);
      }
    }
  }

  public Adder adder(StructType schema) {
    return new Adder(schema);
  }

  /** Adds another part's sums to these. */
  public void addAll(BatchRollups other) {
    for (int d = 0; d < parts.size(); d++) {
      parts.get(d).addAll(other.parts.get(d));
    }
  }

  public boolean isEmpty() {
    return parts.stream().allMatch(PartialRollups::isEmpty);
  }

  /** Every row these events fall in, with its sums. */
  public Map<RollupKey, RollupAccumulator> rows() {
    Map<RollupKey, RollupAccumulator> rows = new HashMap<>();
    parts.forEach(p -> rows.putAll(p.rows()));
    return rows;
  }

  /** Every row these events fall in, with the value they add to it. */
  public Map<RollupKey, RollupValue> values() {
    Map<RollupKey, RollupValue> values = new HashMap<>();
    parts.forEach(p -> p.rows().forEach((key, sum) -> values.put(key, sum.toValue())));
    return values;
  }
}
