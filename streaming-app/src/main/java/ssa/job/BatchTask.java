package ssa.job;

import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
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
 * One task of a batch, in one pass over its parsed lines: classifies each line, writes it where it
 * belongs (raw event or dead letter), and sums the rolled-up events per bucket. Returns a single
 * {@link BatchSummary}.
 */
final class BatchTask implements FlatMapFunction<Iterator<Row>, BatchSummary> {
  private final StructType schema;
  private final StreamSchema stream;
  private final EventClassifier classifier;
  private final List<RollupDefinition> rollups;
  private final EventWriters writers;

  BatchTask(
      StructType schema,
      StreamSchema stream,
      List<RollupDefinition> rollups,
      EventClassifier classifier,
      EventWriters writers) {
    this.schema = schema;
    this.stream = stream;
    this.rollups = rollups;
    this.classifier = classifier;
    this.writers = writers;
  }

  @Override
  public Iterator<BatchSummary> call(Iterator<Row> rows) {
    ParsedRow parsed = new ParsedRow(schema, stream);
    int isError = schema.fieldIndex(ErrorCondition.COLUMN);
    BatchSummary summary = new BatchSummary(BatchRollups.allGrains(rollups));
    BatchRollups.Adder rollUp = summary.rollups.adder(schema);
    try (EventWriter writer = writers.open()) {
      while (rows.hasNext()) {
        Row row = rows.next();
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
          rollUp.add(row, eventTime, row.getBoolean(isError));
        }
      }
    }
    return List.of(summary).iterator();
  }
}
