package ssa.sink;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.spark.connector.cql.CassandraConnector;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.util.LongAccumulator;
import ssa.rollup.RollupStage;
import ssa.rollup.StoredRollup;

/**
 * Turns a batch's partial rollups into the whole rows to upsert: reads each bucket's stored row,
 * applies the partial with {@link StoredRollup#apply}, and returns rows shaped like the rollups
 * table. Runs on the executors, reading through the connector's pooled sessions.
 */
public final class RollupUpsert implements MapPartitionsFunction<Row, Row> {
  private final CassandraConnector connector;
  private final String keyspace;
  private final RollupStage stage;
  private final String batch;
  private final LongAccumulator rowsWritten;

  public RollupUpsert(
      CassandraConnector connector, String keyspace, RollupStage stage, String batch,
      LongAccumulator rowsWritten) {
    this.connector = connector;
    this.keyspace = keyspace;
    this.stage = stage;
    this.batch = batch;
    this.rowsWritten = rowsWritten;
  }

  @Override
  public Iterator<Row> call(Iterator<Row> partials) {
    List<Row> out = new ArrayList<>();
    Timestamp now = Timestamp.from(Instant.now());
    try (CqlSession session = connector.openSession()) {
      new RollupStore(session, keyspace)
          .forEachBucket(
              partials,
              partial ->
                  new RollupStore.Bucket(
                      partial.getString(0), partial.getString(1),
                      partial.getTimestamp(2).toInstant(), partial.getTimestamp(3).toInstant()),
              (partial, stored) -> {
                StoredRollup next = StoredRollup.apply(stored, stage.partialValue(partial), batch);
                out.add(
                    RollupRows.toRow(
                        partial.getString(0), partial.getString(1), partial.getTimestamp(2),
                        partial.getTimestamp(3), next, now));
              });
    }
    rowsWritten.add(out.size());
    return out.iterator();
  }
}
