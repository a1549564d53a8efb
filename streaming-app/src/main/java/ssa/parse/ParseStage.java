package ssa.parse;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
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
    int fieldCount = stream.fields().size();
    Object[] values = new Object[fieldCount + 10];
    if (event.valid()) {
      for (int i = 0; i < fieldCount; i++) {
        values[i] = event.values().get(stream.fields().get(i).name());
      }
      Instant time = event.eventTime();
      values[fieldCount] = event.id();
      values[fieldCount + 1] = event.key();
      values[fieldCount + 2] = Timestamp.from(time);
      values[fieldCount + 5] = scalaMap(measures(stream, event));
      values[fieldCount + 6] = scalaMap(attributes(stream, event));
    }
    // The day partition: of the event time for an event, of the receiving time for a rejected line.
    values[fieldCount + 3] =
        Date.valueOf(Grain.utcDay(event.valid() ? event.eventTime() : receivedAt.toInstant()));
    values[fieldCount + 4] = receivedAt;
    values[fieldCount + 7] = event.error();
    values[fieldCount + 8] = line == null ? "" : line;
    values[fieldCount + 9] = input.getLong(2);
    return RowFactory.create(values);
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

  /** Spark's row encoder takes Scala maps for map columns. */
  private static <K, V> scala.collection.Map<K, V> scalaMap(Map<K, V> map) {
    return scala.jdk.javaapi.CollectionConverters.asScala(map);
  }
}
