package ssa.incremental;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.spark.connector.cql.CassandraConnector;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;
import ssa.rollup.Grain;
import ssa.rollup.RollupKey;
import ssa.rollup.StoredRollup;
import ssa.store.RollupRows;
import ssa.store.RollupStore;

/**
 * One step up the cascade: each given bucket of a grain rebuilt as the sum of the stored rows of
 * its finer buckets (an hour from its minutes, a day from its hours, and so on), as summary tables
 * are built from finer summaries. Runs on the executors.
 */
final class CascadeRebuild implements MapPartitionsFunction<Row, Row> {
  private final CassandraConnector connector;
  private final String keyspace;
  private final Grain grain;
  private final ArrivalHorizon horizon;

  CascadeRebuild(
      CassandraConnector connector, String keyspace, Grain grain, ArrivalHorizon horizon) {
    this.connector = connector;
    this.keyspace = keyspace;
    this.grain = grain;
    this.horizon = horizon;
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
          new Iterator<RollupKey>() {
            @Override
            public boolean hasNext() {
              return buckets.hasNext();
            }

            @Override
            public RollupKey next() {
              return RollupRows.key(buckets.next());
            }
          },
          key ->
              new RollupStore.Range(
                  finer,
                  key.key(),
                  finer.periodStart(key.bucket()),
                  key.bucket(),
                  grain.bucketEnd(key.bucket())),
          (key, rows) -> {
            if (!rows.isEmpty()) {
              StoredRollup sum = StoredRollup.sum(rows, horizon.lastBatch(), horizon.applied());
              out.add(RollupRows.toRow(key, sum, now));
            }
          });
    }
    return out.iterator();
  }
}
