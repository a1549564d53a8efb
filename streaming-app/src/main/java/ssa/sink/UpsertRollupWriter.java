package ssa.sink;

import com.datastax.spark.connector.cql.CassandraConnector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.util.LongAccumulator;
import ssa.rollup.BatchId;
import ssa.rollup.RollupStage;

/**
 * The job's rollup writes: each bucket the batch touches is read, its partial applied with the
 * replay guard ({@link RollupUpsert}), and the whole value written back.
 */
public final class UpsertRollupWriter implements RollupWriter {
  private final CassandraConnector connector;
  private final String keyspace;
  private final RollupStage stage;

  public UpsertRollupWriter(CassandraConnector connector, String keyspace, RollupStage stage) {
    this.connector = connector;
    this.keyspace = keyspace;
    this.stage = stage;
  }

  @Override
  public long write(Dataset<Row> onTimeEvents, BatchId batch) {
    LongAccumulator rows = onTimeEvents.sparkSession().sparkContext().longAccumulator();
    new CassandraSink(keyspace)
        .writeRollups(
            stage
                .partials(onTimeEvents)
                .mapPartitions(
                    new RollupUpsert(connector, keyspace, stage, batch.toString(), rows),
                    Encoders.row(RollupRows.SCHEMA)));
    return rows.value();
  }
}
