package ssa.parse;

import java.sql.Date;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Columns of the parsed stream. The configured fields keep their own names and types, so an
 * error condition such as {@code status >= 500} can be written against them; the columns the job
 * derives carry a {@code __} prefix so they never clash with a field.
 */
public final class ParsedColumns {
  public static final String ID = "__id";
  public static final String KEY = "__key";
  public static final String EVENT_TIME = "__event_time";
  public static final String DAY = "__day";
  public static final String RECEIVED_AT = "__received_at";
  public static final String MEASURES = "__measures";
  public static final String ATTRIBUTES = "__attributes";
  /** Why the line was rejected; null for a valid event. */
  public static final String ERROR = "__error";

  public static final String LINE = "__line";
  /** Where the line stood in the source; see {@code LineSource}. */
  public static final String POSITION = "__position";

  private static final List<StructField> DERIVED =
      List.of(
          DataTypes.createStructField(ID, DataTypes.StringType, true),
          DataTypes.createStructField(KEY, DataTypes.StringType, true),
          DataTypes.createStructField(EVENT_TIME, DataTypes.TimestampType, true),
          DataTypes.createStructField(DAY, DataTypes.DateType, true),
          DataTypes.createStructField(RECEIVED_AT, DataTypes.TimestampType, false),
          DataTypes.createStructField(
              MEASURES,
              DataTypes.createMapType(DataTypes.StringType, DataTypes.DoubleType, false),
              true),
          DataTypes.createStructField(
              ATTRIBUTES,
              DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType, false),
              true),
          DataTypes.createStructField(ERROR, DataTypes.StringType, true),
          DataTypes.createStructField(LINE, DataTypes.StringType, false),
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

  /**
   * A row in {@link #schema} order: the configured fields' values, then the derived columns. For a
   * rejected line, everything but day, receivedAt, error, line and position is null.
   */
  public static Row row(
      Object[] fieldValues, String id, String key, Timestamp eventTime, Date day,
      Timestamp receivedAt, Map<String, Double> measures, Map<String, String> attributes,
      String error, String line, long position) {
    Object[] values = new Object[fieldValues.length + DERIVED.size()];
    System.arraycopy(fieldValues, 0, values, 0, fieldValues.length);
    int derived = fieldValues.length;
    values[derived] = id;
    values[derived + 1] = key;
    values[derived + 2] = eventTime;
    values[derived + 3] = day;
    values[derived + 4] = receivedAt;
    values[derived + 5] = measures == null ? null : scalaMap(measures);
    values[derived + 6] = attributes == null ? null : scalaMap(attributes);
    values[derived + 7] = error;
    values[derived + 8] = line;
    values[derived + 9] = position;
    return RowFactory.create(values);
  }

  /** Spark's row encoder takes Scala maps for map columns. */
  private static <K, V> scala.collection.Map<K, V> scalaMap(Map<K, V> map) {
    return scala.jdk.javaapi.CollectionConverters.asScala(map);
  }

  private ParsedColumns() {}
}
