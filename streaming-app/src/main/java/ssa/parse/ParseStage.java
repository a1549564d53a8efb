package ssa.parse;

import java.sql.Timestamp;
import java.util.List;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * Parses the stream of lines into the columns of {@link ParsedColumns}. A bad line becomes a row
 * with its reason in {@link ParsedColumns#ERROR}; the stream never stops for bad input.
 */
public final class ParseStage {
  /** Input columns: the line, when the source received it, and where it stood in the source. */
  public static final String LINE_COLUMN = "value";

  public static final String RECEIVED_COLUMN = "timestamp";
  public static final String POSITION_COLUMN = "position";

  private final StreamSchema stream;
  private final List<List<String>> rollupKeys;

  /**
   * @param rollupKeys each rollup's group-by fields, whose joined values must fit in a key
   */
  public ParseStage(StreamSchema stream, List<List<String>> rollupKeys) {
    this.stream = stream;
    this.rollupKeys = List.copyOf(rollupKeys);
  }

  public Dataset<Row> apply(Dataset<Row> lines) {
    StructType schema = ParsedColumns.schema(stream);
    StreamSchema shape = stream;
    EventParser parser = new EventParser(shape, rollupKeys);
    return lines
        .select(LINE_COLUMN, RECEIVED_COLUMN, POSITION_COLUMN)
        .map((MapFunction<Row, Row>) line -> toRow(shape, parser, line), Encoders.row(schema));
  }

  private static Row toRow(StreamSchema stream, EventParser parser, Row input) {
    String line = input.getAs(LINE_COLUMN);
    Timestamp receivedAt = input.getAs(RECEIVED_COLUMN);
    long position = input.<Long>getAs(POSITION_COLUMN);
    ParsedEvent event = parser.parse(line, receivedAt.toInstant());
    if (!event.valid()) {
      return ParsedColumns.rejected(
          stream.fields().size(),
          receivedAt,
          event.error(),
          line == null ? "" : EventLimits.storable(line),
          position);
    }
    Object[] fields = new Object[stream.fields().size()];
    for (int i = 0; i < fields.length; i++) {
      fields[i] = event.values().get(stream.fields().get(i).name());
    }
    return ParsedColumns.event(
        fields, event.id(), event.key(), Timestamp.from(event.eventTime()), receivedAt, position);
  }
}
