package ssa.incremental;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.spark.connector.cql.CassandraConnector;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
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
  private final Grain grain;
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
    this.grain = grain;
    this.finer = rollup.finerKept(grain);
    this.horizon = horizon;
  }

  /** The ranges of finer rows that make up a bucket: one per storage period of the finer grain. */
  private List<RollupStore.Range> ranges(RollupKey bucket) {
    List<RollupStore.Range> ranges = new ArrayList<>();
    for (Instant[] slice : finer.periodSlices(bucket.bucket(), grain.bucketEnd(bucket.bucket()))) {
      ranges.add(
          new RollupStore.Range(
              bucket.rollup(),
              finer,
              bucket.key(),
              finer.periodStart(slice[0]),
              slice[0],
              slice[1]));
    }
    return ranges;
  }

  @Override
  public Iterator<Tuple2<RollupKey, StoredRollup>> call(Iterator<RollupKey> buckets) {
    Map<RollupKey, List<StoredRollup>> finerRows = new LinkedHashMap<>();
    List<Map.Entry<RollupKey, RollupStore.Range>> reads = new ArrayList<>();
    while (buckets.hasNext()) {
      RollupKey bucket = buckets.next();
      finerRows.put(bucket, new ArrayList<>());
      ranges(bucket).forEach(range -> reads.add(Map.entry(bucket, range)));
    }
    try (CqlSession session = connector.openSession()) {
      new RollupStore(session, keyspace)
          .forEachRange(
              reads.iterator(),
              Map.Entry::getValue,
              (read, rows) -> finerRows.get(read.getKey()).addAll(rows));
    }
    List<Tuple2<RollupKey, StoredRollup>> out = new ArrayList<>();
    finerRows.forEach(
        (bucket, rows) -> {
          if (!rows.isEmpty()) {
            out.add(
                new Tuple2<>(
                    bucket, StoredRollup.sum(rows, horizon.lastBatch(), horizon.applied())));
          }
        });
    return out.iterator();
  }
}
