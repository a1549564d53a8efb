package ssa.parse;

import java.util.ArrayList;
import java.util.List;
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

  private ParsedColumns() {}
}
