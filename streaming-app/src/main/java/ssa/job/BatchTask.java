package ssa.job;

import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.CatalystTypeConverters;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.util.DateTimeUtils;
import org.apache.spark.sql.types.StructType;
import scala.Function1;
import ssa.parse.ParseStage;
import ssa.parse.ParsedColumns;
import ssa.parse.ParsedRow;
import ssa.parse.StreamSchema;
import ssa.rollup.BatchRollups;
import ssa.rollup.ErrorCondition;
import ssa.rollup.EventClassifier;
import ssa.rollup.EventClassifier.Verdict;
import ssa.rollup.RollupDefinition;
import ssa.store.DeadLetter;
import ssa.store.EventWriter;
import ssa.store.EventWriters;
import ssa.store.RawEvent;

/**
 * One task of a batch, in one pass over its lines as the source gave them: parses and classifies
 * each line, writes it where it belongs (raw event or dead letter), and sums the rolled-up events
 * per bucket. Returns a single {@link BatchSummary}.
 */
final class BatchTask implements FlatMapFunction<Iterator<InternalRow>, BatchSummary> {
  private final int lineColumn;
  private final int receivedColumn;
  private final int positionColumn;

  /** -1 unless a step before parsed the lines already (to drop copies). */
  private final int parsedColumn;

  private final StreamSchema stream;
  private final ParseStage parse;
  private final ErrorCondition errorCondition;
  private final EventClassifier classifier;
  private final List<RollupDefinition> rollups;
  private final EventWriters writers;

  /**
   * @param lines the columns of the lines the task reads, as {@link ParseStage} names them
   */
  BatchTask(
      StructType lines,
      StreamSchema stream,
      ParseStage parse,
      ErrorCondition errorCondition,
      List<RollupDefinition> rollups,
      EventClassifier classifier,
      EventWriters writers) {
    lineColumn = lines.fieldIndex(ParseStage.LINE_COLUMN);
    receivedColumn = lines.fieldIndex(ParseStage.RECEIVED_COLUMN);
    positionColumn = lines.fieldIndex(ParseStage.POSITION_COLUMN);
    parsedColumn = List.of(lines.fieldNames()).indexOf(ParseStage.PARSED_COLUMN);
    this.stream = stream;
    this.parse = parse;
    this.errorCondition = errorCondition;
    this.rollups = rollups;
    this.classifier = classifier;
    this.writers = writers;
  }

  @Override
  public Iterator<BatchSummary> call(Iterator<InternalRow> lines) {
    StructType schema = ParsedColumns.schema(stream);
    ParsedRow parsed = new ParsedRow(schema, stream);
    Function1<Object, Object> fromSpark = CatalystTypeConverters.createToScalaConverter(schema);
    BatchSummary summary = new BatchSummary(BatchRollups.allGrains(rollups));
    BatchRollups.Adder rollUp = summary.rollups.adder(schema);
    try (EventWriter writer = writers.open()) {
      while (lines.hasNext()) {
        InternalRow line = lines.next();
        Row row =
            parsedColumn < 0
                ? parsed(line)
                : (Row) fromSpark.apply(line.getStruct(parsedColumn, schema.size()));
        String error = parsed.error(row);
        Instant receivedAt = parsed.receivedAt(row);
        Instant eventTime = error == null ? parsed.eventTime(row) : null;
        Verdict verdict = classifier.classify(error, eventTime, receivedAt);
        summary.count(verdict);
        if (verdict == Verdict.DEAD_LETTER) {
          writer.deadLetter(
              new DeadLetter(receivedAt, parsed.position(row), parsed.line(row), error));
          continue;
        }
        RawEvent event = RawEvent.of(parsed, row);
        writer.raw(event);
        summary.arrivals.add(event.key(), eventTime, receivedAt);
        summary.sawValid(classifier.progressTime(eventTime, receivedAt), receivedAt);
        if (verdict.rolledUp()) {
          rollUp.add(row, eventTime, errorCondition.test(row));
        }
      }
    }
    return List.of(summary).iterator();
  }

  private Row parsed(InternalRow line) {
    return parse.parse(
        line.isNullAt(lineColumn) ? null : line.getUTF8String(lineColumn).toString(),
        DateTimeUtils.toJavaTimestamp(line.getLong(receivedColumn)),
        line.getLong(positionColumn));
  }
}
