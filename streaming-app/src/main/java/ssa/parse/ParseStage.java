package ssa.parse;

import java.io.Serializable;
import java.sql.Timestamp;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Parses each line of the stream into the columns of {@link ParsedColumns}, in the task that reads
 * it: a row of Java values that the batch task reads on, never converted into Spark's row format
 * and back. A bad line becomes a row with its reason in {@link ParsedColumns#ERROR}; the stream
 * never stops for bad input.
 */
public final class ParseStage implements Serializable {
  /** Input columns: the line, when the source received it, and where it stood in the source. */
  public static final String LINE_COLUMN = "value";

  public static final String RECEIVED_COLUMN = "timestamp";
  public static final String POSITION_COLUMN = "position";

  /** A line's parsed row, where a step before the batch task needed it (see EventCopies). */
  public static final String PARSED_COLUMN = "__parsed";

  private final StreamSchema stream;
  private final EventParser parser;

  /**
   * @param rollupKeys each rollup's group-by fields, whose joined values must fit in a key
   */
  public ParseStage(StreamSchema stream, List<List<String>> rollupKeys) {
    this.stream = stream;
    this.parser = new EventParser(stream, rollupKeys);
  }

  public StreamSchema stream() {
    return stream;
  }

  /** The columns of {@code lines} that a line is parsed from, in the order Spark reads them. */
  public static Dataset<Row> inputColumns(Dataset<Row> lines) {
    return lines.select(LINE_COLUMN, RECEIVED_COLUMN, POSITION_COLUMN);
  }

  /** The parsed row of a line given as a {@code Row} with the input columns, read by name. */
  public Row parse(Row line) {
    return parse(
        line.getAs(LINE_COLUMN), line.getAs(RECEIVED_COLUMN), line.<Long>getAs(POSITION_COLUMN));
  }

  /** The parsed row of one line, in {@link ParsedColumns#schema} order. */
  public Row parse(String line, Timestamp receivedAt, long position) {
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
