package ssa.incremental;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;

import java.io.Serializable;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Iterator;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.api.java.function.MapGroupsFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import ssa.parse.ParsedColumns;
import ssa.rollup.Grain;
import ssa.rollup.RollupStage;
import ssa.rollup.RollupValue;
import ssa.rollup.StoredRollup;
import ssa.sink.RollupRows;

/**
 * The bottom of the cascade: whole minute rollups from raw events. A minute's value is summed
 * from all its events; its prior leaves out the events of the stream's last batch, which a replay
 * of that batch adds again (see {@link ArrivalHorizon}).
 */
final class MinuteRebuild implements Serializable {
  private static final String LAST_BATCH = "in_last_batch";

  private final RollupStage stage;
  private final ArrivalHorizon horizon;

  MinuteRebuild(RollupStage stage, ArrivalHorizon horizon) {
    this.stage = stage;
    this.horizon = horizon;
  }

  /** Rows shaped like {@link RollupRows#SCHEMA}, one per minute the events fall in. */
  Dataset<Row> rows(Dataset<Row> events) {
    Column settled =
        horizon.settledUntil() == null
            ? lit(false)
            : col(ParsedColumns.RECEIVED_AT).leq(lit(Timestamp.from(horizon.settledUntil())));
    Dataset<Row> partials =
        stage.partials(events.filter(settled), Grain.MINUTE).withColumn(LAST_BATCH, lit(false))
            .union(
                stage.partials(events.filter(not(settled)), Grain.MINUTE)
                    .withColumn(LAST_BATCH, lit(true)));
    int lastBatch = partials.schema().fieldIndex(LAST_BATCH);
    Timestamp now = Timestamp.from(Instant.now());
    String applied = horizon.applied();
    return partials
        .groupByKey(
            (MapFunction<Row, String>) row -> row.getTimestamp(3).getTime() + "/" + row.getString(1),
            Encoders.STRING())
        .mapGroups(
            (MapGroupsFunction<String, Row, Row>)
                (bucket, rows) -> combine(rows, lastBatch, applied, now),
            Encoders.row(RollupRows.SCHEMA));
  }

  private Row combine(Iterator<Row> partials, int lastBatch, String applied, Timestamp now) {
    RollupValue settled = RollupValue.EMPTY;
    RollupValue last = RollupValue.EMPTY;
    Row any = null;
    while (partials.hasNext()) {
      any = partials.next();
      if (any.getBoolean(lastBatch)) {
        last = last.plus(stage.partialValue(any));
      } else {
        settled = settled.plus(stage.partialValue(any));
      }
    }
    return RollupRows.toRow(
        any.getString(0), any.getString(1), any.getTimestamp(2), any.getTimestamp(3),
        StoredRollup.rebuilt(settled, last, applied), now);
  }
}
