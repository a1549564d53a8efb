package ssa.incremental;

import java.io.Serializable;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import scala.Tuple2;
import ssa.parse.ParsedRow;
import ssa.parse.StreamSchema;
import ssa.rollup.ErrorCondition;
import ssa.rollup.Grain;
import ssa.rollup.PartialRollups;
import ssa.rollup.RollupAccumulator;
import ssa.rollup.RollupKey;
import ssa.rollup.StoredRollup;
import ssa.store.RollupRows;

/**
 * The bottom of the cascade: whole minute rollups from raw events, summed as the stream sums a
 * batch ({@link PartialRollups}), then merged across tasks by bucket. A minute's value is summed
 * from all its events; its prior leaves out the events of the stream's last batch, which a replay
 * of that batch adds again (see {@link ArrivalHorizon}).
 */
final class MinuteRebuild implements Serializable {
  private static final Grain[] MINUTES = {Grain.MINUTE};

  private final StreamSchema stream;
  private final ArrivalHorizon horizon;

  MinuteRebuild(StreamSchema stream, ArrivalHorizon horizon) {
    this.stream = stream;
    this.horizon = horizon;
  }

  /** Rows shaped like {@link RollupRows#SCHEMA}, one per minute the events fall in. */
  Dataset<Row> rows(Dataset<Row> events) {
    StructType schema = events.schema();
    StreamSchema shape = stream;
    Instant settledUntil = horizon.settledUntil();
    String applied = horizon.applied();
    Timestamp now = Timestamp.from(Instant.now());
    List<String> measures = stream.measures();
    JavaRDD<Row> rows =
        events
            .javaRDD()
            .mapPartitionsToPair(part -> sums(part, schema, shape, settledUntil))
            .reduceByKey(MinuteRebuild::merge)
            .map(
                bucket ->
                    RollupRows.toRow(
                        bucket._1(),
                        StoredRollup.rebuilt(
                            bucket._2()[0].toValue(measures),
                            bucket._2()[1].toValue(measures),
                            applied),
                        now));
    return events.sparkSession().createDataFrame(rows, RollupRows.SCHEMA);
  }

  /** A task's minute sums: [0] of settled events, [1] of the stream's last batch. */
  private static Iterator<Tuple2<RollupKey, RollupAccumulator[]>> sums(
      Iterator<Row> events, StructType schema, StreamSchema stream, Instant settledUntil) {
    ParsedRow parsed = new ParsedRow(schema, stream);
    int isError = schema.fieldIndex(ErrorCondition.COLUMN);
    PartialRollups settled = new PartialRollups(MINUTES, parsed.measureCount());
    PartialRollups last = new PartialRollups(MINUTES, parsed.measureCount());
    double[] measures = new double[parsed.measureCount()];
    while (events.hasNext()) {
      Row event = events.next();
      boolean isSettled = settledUntil != null && !parsed.receivedAt(event).isAfter(settledUntil);
      parsed.measureValues(event, measures);
      (isSettled ? settled : last)
          .add(parsed.key(event), parsed.eventTime(event), event.getBoolean(isError), measures);
    }
    List<Tuple2<RollupKey, RollupAccumulator[]>> out = new ArrayList<>();
    for (Map.Entry<RollupKey, RollupAccumulator> e : settled.rows().entrySet()) {
      out.add(new Tuple2<>(e.getKey(), new RollupAccumulator[] {e.getValue(), empty(stream)}));
    }
    for (Map.Entry<RollupKey, RollupAccumulator> e : last.rows().entrySet()) {
      out.add(new Tuple2<>(e.getKey(), new RollupAccumulator[] {empty(stream), e.getValue()}));
    }
    return out.iterator();
  }

  private static RollupAccumulator empty(StreamSchema stream) {
    return new RollupAccumulator(stream.measures().size());
  }

  private static RollupAccumulator[] merge(RollupAccumulator[] a, RollupAccumulator[] b) {
    a[0].add(b[0]);
    a[1].add(b[1]);
    return a;
  }
}
