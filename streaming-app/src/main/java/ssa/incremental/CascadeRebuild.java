package ssa.incremental;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.spark.connector.cql.CassandraConnector;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.PairFlatMapFunction;
import scala.Tuple2;
import ssa.rollup.Grain;
import ssa.rollup.RollupDefinition;
import ssa.rollup.RollupKey;
import ssa.rollup.StoredRollup;
import ssa.store.RollupStore;

/**
 * One step up the cascade of one rollup: each given bucket of a grain rebuilt as the sum of the
 * stored rows of the next finer grain the rollup keeps (an hour from its minutes, a day from its
 * hours, a day from its minutes where the rollup keeps no hours), as summary tables are built from
 * finer summaries. Runs on the executors.
 *
 * <p>The finer rows of a bucket the run rebuilds exist whatever their grain's retention: a row
 * expires its retention after its last write, and the run has just rewritten from events_raw the
 * finest rows of every day it reads.
 */
final class CascadeRebuild
    implements PairFlatMapFunction<Iterator<RollupKey>, RollupKey, StoredRollup> {
  private final CassandraConnector connector;
  private final String keyspace;
  private final Grain finer;
  private final ArrivalHorizon horizon;

  CascadeRebuild(
      CassandraConnector connector,
      String keyspace,
      RollupDefinition rollup,
      Grain grain,
      ArrivalHorizon horizon) {
    this.connector = connector;
    this.keyspace = keyspace;
    this.finer = rollup.finerKept(grain);
    this.horizon = horizon;
  }

  @Override
  public Iterator<Tuple2<RollupKey, StoredRollup>> call(Iterator<RollupKey> buckets) {
    List<RollupKey> rows = new ArrayList<>();
    buckets.forEachRemaining(rows::add);
    Map<RollupKey, StoredRollup> sums;
    try (CqlSession session = connector.openSession()) {
      sums =
          new RollupStore(session, keyspace)
              .finerSums(rows, bucket -> finer, horizon.lastBatch(), horizon.applied());
    }
    List<Tuple2<RollupKey, StoredRollup>> out = new ArrayList<>(sums.size());
    sums.forEach((bucket, sum) -> out.add(new Tuple2<>(bucket, sum)));
    return out.iterator();
  }
}
