package ssa.incremental;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.spark.connector.cql.CassandraConnector;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.util.LongAccumulator;
import ssa.rollup.Grain;
import ssa.rollup.StoredRollup;
import ssa.sink.RollupRows;
import ssa.sink.RollupStore;

/**
 * One step up the cascade: each given bucket of a grain rebuilt as the sum of the stored rows of
 * its finer buckets (an hour from its minutes, a day from its hours, and so on), as summary
 * tables are built from finer summaries. Runs on the executors.
 */
final class CascadeRebuild implements MapPartitionsFunction<Row, Row> {
  private final CassandraConnector connector;
  private final String keyspace;
  private final Grain grain;
  private final ArrivalHorizon horizon;
  private final LongAccumulator rowsBuilt;

  CascadeRebuild(
      CassandraConnector connector, String keyspace, Grain grain, ArrivalHorizon horizon,
      LongAccumulator rowsBuilt) {
    this.connector = connector;
    this.keyspace = keyspace;
    this.grain = grain;
    this.horizon = horizon;
    this.rowsBuilt = rowsBuilt;
  }

  /** Buckets as (grain, key, period, bucket) in; rows shaped like {@link RollupRows#SCHEMA} out. */
  @Override
  public Iterator<Row> call(Iterator<Row> buckets) {
    List<Row> out = new ArrayList<>();
    Timestamp now = Timestamp.from(Instant.now());
    Grain finer = grain.finer();
    try (CqlSession session = connector.openSession()) {
      RollupStore store = new RollupStore(session, keyspace);
      store.forEachRange(
          buckets,
          bucket -> {
            Instant start = bucket.getTimestamp(3).toInstant();
            return new RollupStore.Range(
                finer, bucket.getString(1), finer.periodStart(start), start,
                grain.bucketEnd(start));
          },
          (bucket, rows) -> {
            if (!rows.isEmpty()) {
              StoredRollup sum = StoredRollup.sum(rows, horizon.lastBatch(), horizon.applied());
              out.add(
                  RollupRows.toRow(
                      bucket.getString(0), bucket.getString(1), bucket.getTimestamp(2),
                      bucket.getTimestamp(3), sum, now));
            }
          });
    }
    rowsBuilt.add(out.size());
    return out.iterator();
  }
}
