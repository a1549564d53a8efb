package ssa.rollup;

import java.io.Serializable;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * Reads what one rollup needs from a parsed event row (the stream's, or one read back from
 * events_raw: both carry the configured fields by name), each column's position looked up once.
 */
public final class RollupInputReader implements Serializable {
  private final int[] groupBy;
  private final int[] measures;
  private final int[] distinct;
  private final int[] quantiles;
  private final RollupDefinition definition;

  public RollupInputReader(RollupDefinition definition, StructType schema) {
    this.definition = definition;
    groupBy = indexes(schema, definition.groupBy());
    measures = indexes(schema, definition.measures());
    distinct = indexes(schema, definition.distinct());
    quantiles = indexes(schema, definition.quantileMeasures());
  }

  private static int[] indexes(StructType schema, List<String> fields) {
    return fields.stream().mapToInt(schema::fieldIndex).toArray();
  }

  public RollupInput newInput() {
    return new RollupInput(definition);
  }

  /** Fills {@code into} from the row. */
  public void read(Row row, RollupInput into) {
    for (int g = 0; g < groupBy.length; g++) {
      into.groupValues[g] = GroupKey.text(row.get(groupBy[g]));
    }
    into.key = GroupKey.of(into.groupValues);
    numbers(row, measures, into.measures);
    for (int d = 0; d < distinct.length; d++) {
      into.distinct[d] = GroupKey.text(row.get(distinct[d]));
    }
    numbers(row, quantiles, into.quantiles);
  }

  private static void numbers(Row row, int[] columns, double[] out) {
    for (int i = 0; i < columns.length; i++) {
      out[i] = row.isNullAt(columns[i]) ? Double.NaN : ((Number) row.get(columns[i])).doubleValue();
    }
  }
}
