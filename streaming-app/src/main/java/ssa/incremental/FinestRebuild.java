package ssa.incremental;

import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import scala.Tuple2;
import ssa.parse.ParsedRow;
import ssa.parse.StreamSchema;
import ssa.rollup.BatchRollups;
import ssa.rollup.ErrorCondition;
import ssa.rollup.RollupAccumulator;
import ssa.rollup.RollupDefinition;
import ssa.rollup.RollupKey;
import ssa.rollup.StoredRollup;

/**
 * The bottom of the cascade: whole rows of each rollup's finest grain from raw events, summed as
 * the stream sums a batch ({@link BatchRollups}), then merged across tasks by bucket. A bucket's
 * value is summed from all its events; its prior leaves out the events of the stream's last batch,
 * which a replay of that batch adds again (see {@link ArrivalHorizon}).
 */
final class FinestRebuild implements Serializable {
  private final StreamSchema stream;
  private final ErrorCondition errorCondition;
  private final List<RollupDefinition> definitions;
  private final ArrivalHorizon horizon;

  FinestRebuild(
      StreamSchema stream,
      ErrorCondition errorCondition,
      List<RollupDefinition> definitions,
      ArrivalHorizon horizon) {
    this.stream = stream;
    this.errorCondition = errorCondition;
    this.definitions = List.copyOf(definitions);
    this.horizon = horizon;
  }

  /** One row per finest bucket of every rollup that the events fall in. */
  JavaPairRDD<RollupKey, StoredRollup> rows(Dataset<Row> events) {
    StructType schema = events.schema();
    StreamSchema shape = stream;
    ErrorCondition isError = errorCondition;
    List<RollupDefinition> rollups = definitions;
    Instant settledUntil = horizon.settledUntil();
    String applied = horizon.applied();
    Map<String, RollupDefinition> byName = RollupDefinition.byName(rollups);
    return events
        .javaRDD()
        .mapPartitionsToPair(part -> sums(part, schema, shape, isError, rollups, settledUntil))
        .reduceByKey(FinestRebuild::merge)
        .mapToPair(
            row -> {
              RollupDefinition definition = byName.get(row._1().rollup());
              return new Tuple2<>(
                  row._1(),
                  StoredRollup.rebuilt(
                      value(row._2()[0], definition), value(row._2()[1], definition), applied));
            });
  }

  /** A task's sums: [0] of settled events, [1] of the stream's last batch. */
  private static Iterator<Tuple2<RollupKey, RollupAccumulator[]>> sums(
      Iterator<Row> events,
      StructType schema,
      StreamSchema stream,
      ErrorCondition isError,
      List<RollupDefinition> rollups,
      Instant settledUntil) {
    ParsedRow parsed = new ParsedRow(schema, stream);
    BatchRollups settled = BatchRollups.finestGrains(rollups);
    BatchRollups last = BatchRollups.finestGrains(rollups);
    BatchRollups.Adder toSettled = settled.adder(schema);
    BatchRollups.Adder toLast = last.adder(schema);
    while (events.hasNext()) {
      Row event = events.next();
      boolean isSettled = settledUntil != null && !parsed.receivedAt(event).isAfter(settledUntil);
      (isSettled ? toSettled : toLast).add(event, parsed.eventTime(event), isError.test(event));
    }
    List<Tuple2<RollupKey, RollupAccumulator[]>> out = new ArrayList<>();
    for (Map.Entry<RollupKey, RollupAccumulator> e : settled.rows().entrySet()) {
      out.add(new Tuple2<>(e.getKey(), new RollupAccumulator[] {e.getValue(), null}));
    }
    for (Map.Entry<RollupKey, RollupAccumulator> e : last.rows().entrySet()) {
      out.add(new Tuple2<>(e.getKey(), new RollupAccumulator[] {null, e.getValue()}));
    }
    return out.iterator();
  }

  /**
   * Each side is null until an event falls in it: an empty accumulator holds empty sketches of
   * several KB, not worth making and shuffling for the side most buckets never have.
   */
  private static RollupAccumulator[] merge(RollupAccumulator[] a, RollupAccumulator[] b) {
    for (int side = 0; side < 2; side++) {
      if (a[side] == null) {
        a[side] = b[side];
      } else if (b[side] != null) {
        a[side].add(b[side]);
      }
    }
    return a;
  }

  private static ssa.rollup.RollupValue value(RollupAccumulator sums, RollupDefinition definition) {
    return (sums == null ? new RollupAccumulator(definition) : sums).toValue();
  }
}
