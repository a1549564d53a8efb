package ssa.parse;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Columns of the parsed stream. The configured fields keep their own names and types, so an error
 * condition such as {@code status >= 500} can be written against them; the columns the job derives
 * carry a {@code __} prefix so they never clash with a field. Read them with {@link ParsedRow},
 * which finds each column by name.
 */
public final class ParsedColumns {
  public static final String ID = "__id";
  public static final String KEY = "__key";
  public static final String EVENT_TIME = "__event_time";
  public static final String RECEIVED_AT = "__received_at";

  /** Why the line was rejected; null for a valid event. */
  public static final String ERROR = "__error";

  /** The line as received, for a rejected line only: a valid event is stored field by field. */
  public static final String LINE = "__line";

  /** Where the line stood in the source; see {@code LineSource}. */
  public static final String POSITION = "__position";

  private static final List<StructField> DERIVED =
      List.of(
          DataTypes.createStructField(ID, DataTypes.StringType, true),
          DataTypes.createStructField(KEY, DataTypes.StringType, true),
          DataTypes.createStructField(EVENT_TIME, DataTypes.TimestampType, true),
          DataTypes.createStructField(RECEIVED_AT, DataTypes.TimestampType, false),
          DataTypes.createStructField(ERROR, DataTypes.StringType, true),
          DataTypes.createStructField(LINE, DataTypes.StringType, true),
          DataTypes.createStructField(POSITION, DataTypes.LongType, false));

  /** The configured fields, then the derived columns, in that order. */
  public static StructType schema(StreamSchema stream) {
    List<StructField> fields = new ArrayList<>();
    for (FieldSpec field : stream.fields()) {
      fields.add(DataTypes.createStructField(field.name(), field.type().sparkType(), true));
    }
    fields.addAll(DERIVED);
    return DataTypes.createStructType(fields);
  }

  /** A row in {@link #schema} order for a valid event. */
  public static Row event(
      Object[] fieldValues,
      String id,
      String key,
      Timestamp eventTime,
      Timestamp receivedAt,
      long position) {
    return row(fieldValues, id, key, eventTime, receivedAt, null, null, position);
  }

  /** A row in {@link #schema} order for a rejected line: its fields are null. */
  public static Row rejected(
      int fieldCount, Timestamp receivedAt, String error, String line, long position) {
    return row(new Object[fieldCount], null, null, null, receivedAt, error, line, position);
  }

  private static Row row(
      Object[] fieldValues,
      String id,
      String key,
      Timestamp eventTime,
      Timestamp receivedAt,
      String error,
      String line,
      long position) {
    Object[] derived = {id, key, eventTime, receivedAt, error, line, position};
    Object[] values = new Object[fieldValues.length + derived.length];
    System.arraycopy(fieldValues, 0, values, 0, fieldValues.length);
    System.arraycopy(derived, 0, values, fieldValues.length, derived.length);
    return RowFactory.create(values);
  }

  private ParsedColumns() {}
}
