package ssa.parse;

import java.io.Serializable;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * Reads the columns of {@link ParsedColumns} from rows of a given schema, by name: each column's
 * position is looked up once, not per row, and not assumed.
 */
public final class ParsedRow implements Serializable {
  private final int id;
  private final int key;
  private final int eventTime;
  private final int receivedAt;
  private final int error;
  private final int line;
  private final int position;
  private final String[] measureNames;
  private final int[] measures;
  private final String[] attributeNames;
  private final int[] attributes;

  public ParsedRow(StructType schema, StreamSchema stream) {
    id = schema.fieldIndex(ParsedColumns.ID);
    key = schema.fieldIndex(ParsedColumns.KEY);
    eventTime = schema.fieldIndex(ParsedColumns.EVENT_TIME);
    receivedAt = schema.fieldIndex(ParsedColumns.RECEIVED_AT);
    error = schema.fieldIndex(ParsedColumns.ERROR);
    line = schema.fieldIndex(ParsedColumns.LINE);
    position = schema.fieldIndex(ParsedColumns.POSITION);
    measureNames = stream.measures().toArray(String[]::new);
    measures = indexes(schema, stream.measures());
    List<String> attributeFields = stream.attributeFields().stream().map(FieldSpec::name).toList();
    attributeNames = attributeFields.toArray(String[]::new);
    attributes = indexes(schema, attributeFields);
  }

  private static int[] indexes(StructType schema, List<String> names) {
    return names.stream().mapToInt(schema::fieldIndex).toArray();
  }

  /** Why the line was rejected; null for a valid event. */
  public String error(Row row) {
    return row.getString(error);
  }

  public String id(Row row) {
    return row.getString(id);
  }

  public String key(Row row) {
    return row.getString(key);
  }

  public Instant eventTime(Row row) {
    return row.getTimestamp(eventTime).toInstant();
  }

  public Instant receivedAt(Row row) {
    return row.getTimestamp(receivedAt).toInstant();
  }

  public String line(Row row) {
    return row.getString(line);
  }

  public long position(Row row) {
    return row.getLong(position);
  }

  /** The measures the event carries, by name. */
  public Map<String, Double> measures(Row row) {
    Map<String, Double> out = new HashMap<>(measures.length * 2);
    for (int m = 0; m < measures.length; m++) {
      if (!row.isNullAt(measures[m])) {
        out.put(measureNames[m], ((Number) row.get(measures[m])).doubleValue());
      }
    }
    return out;
  }

  /** The other fields the event carries, as text by name. */
  public Map<String, String> attributes(Row row) {
    Map<String, String> out = new HashMap<>(attributes.length * 2);
    for (int a = 0; a < attributes.length; a++) {
      if (!row.isNullAt(attributes[a])) {
        out.put(attributeNames[a], row.get(attributes[a]).toString());
      }
    }
    return out;
  }
}
