package ssa.parse;

import java.sql.Date;
import java.sql.Timestamp;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import ssa.rollup.Grain;

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

  public ParseStage(StreamSchema stream) {
    this.stream = stream;
  }

  public Dataset<Row> apply(Dataset<Row> lines) {
    StructType schema = ParsedColumns.schema(stream);
    StreamSchema shape = stream;
    EventParser parser = new EventParser(shape);
    return lines
        .select(LINE_COLUMN, RECEIVED_COLUMN, POSITION_COLUMN)
        .map((MapFunction<Row, Row>) line -> toRow(shape, parser, line), Encoders.row(schema));
  }

  private static Row toRow(StreamSchema stream, EventParser parser, Row input) {
    String line = input.getString(0);
    Timestamp receivedAt = input.getTimestamp(1);
    ParsedEvent event = parser.parse(line, receivedAt.toInstant());
    Object[] fields = new Object[stream.fields().size()];
    // The day partition: of the event time for an event, of the receiving time for a rejected line.
    Date day = Date.valueOf(Grain.utcDay(event.valid() ? event.eventTime() : receivedAt.toInstant()));
    String text = line == null ? "" : line;
    if (!event.valid()) {
      return ParsedColumns.row(
          fields, null, null, null, day, receivedAt, null, null, event.error(), text,
          input.getLong(2));
    }
    for (int i = 0; i < fields.length; i++) {
      fields[i] = event.values().get(stream.fields().get(i).name());
    }
    return ParsedColumns.row(
        fields, event.id(), event.key(), Timestamp.from(event.eventTime()), day, receivedAt,
        measures(stream, event), attributes(stream, event), null, text, input.getLong(2));
  }

  private static Map<String, Double> measures(StreamSchema stream, ParsedEvent event) {
    Map<String, Double> measures = new HashMap<>();
    for (String measure : stream.measures()) {
      Object value = event.values().get(measure);
      if (value != null) {
        measures.put(measure, ((Number) value).doubleValue());
      }
    }
    return measures;
  }

  private static Map<String, String> attributes(StreamSchema stream, ParsedEvent event) {
    Map<String, String> attributes = new HashMap<>();
    for (FieldSpec field : stream.attributeFields()) {
      Object value = event.values().get(field.name());
      if (value != null) {
        attributes.put(field.name(), value.toString());
      }
    }
    return attributes;
  }
}
