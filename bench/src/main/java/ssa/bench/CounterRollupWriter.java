package ssa.bench;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.spark.connector.cql.CassandraConnector;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import org.apache.spark.api.java.function.ForeachPartitionFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.util.LongAccumulator;
import ssa.rollup.BatchId;
import ssa.rollup.RollupStage;
import ssa.rollup.RollupValue;
import ssa.store.RollupWriter;

/**
 * Baseline (a): rollups kept in counter columns, {@code count = count + ?}. No read before the
 * write, but a replayed batch counts twice, and counters hold no min or max: this baseline does
 * less than the job and is still unsafe.
 */
final class CounterRollupWriter implements RollupWriter {
  static final String TABLE =
      "CREATE TABLE IF NOT EXISTS rollups_counter (grain text, key text, period timestamp,"
          + " bucket timestamp, count counter, error_count counter, sum_micros counter,"
          + " PRIMARY KEY ((grain, key, period), bucket))";
  private static final int IN_FLIGHT = 128;

  private final CassandraConnector connector;
  private final String keyspace;
  private final RollupStage stage;

  CounterRollupWriter(CassandraConnector connector, String keyspace, RollupStage stage) {
    this.connector = connector;
    this.keyspace = keyspace;
    this.stage = stage;
  }

  @Override
  public long write(Dataset<Row> onTimeEvents, BatchId batch) {
    LongAccumulator rows = onTimeEvents.sparkSession().sparkContext().longAccumulator();
    String keyspace = this.keyspace;
    CassandraConnector connector = this.connector;
    RollupStage stage = this.stage;
    stage.partials(onTimeEvents).foreachPartition((ForeachPartitionFunction<Row>) partials -> {
      try (CqlSession session = connector.openSession()) {
        PreparedStatement add =
            session.prepare(
                "UPDATE " + keyspace + ".rollups_counter SET count = count + ?,"
                    + " error_count = error_count + ?, sum_micros = sum_micros + ?"
                    + " WHERE grain = ? AND key = ? AND period = ? AND bucket = ?");
        Semaphore inFlight = new Semaphore(IN_FLIGHT);
        List<CompletableFuture<?>> writes = new ArrayList<>();
        while (partials.hasNext()) {
          Row partial = partials.next();
          RollupValue value = stage.partialValue(partial);
          long sumMicros =
              Math.round(value.sum().values().stream().mapToDouble(Double::doubleValue).sum() * 1e6);
          inFlight.acquire();
          writes.add(
              session
                  .executeAsync(
                      add.bind(
                          value.count(), value.errorCount(), sumMicros, partial.getString(0),
                          partial.getString(1), partial.getTimestamp(2).toInstant(),
                          partial.getTimestamp(3).toInstant()))
                  .toCompletableFuture()
                  .whenComplete((result, error) -> inFlight.release()));
          rows.add(1);
        }
        CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).join();
      }
    });
    return rows.value();
  }
}
