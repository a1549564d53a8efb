package ssa.store;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.spark.connector.cql.CassandraConnector;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import ssa.config.JobSettings;
import ssa.rollup.Alert;
import ssa.rollup.BatchId;
import ssa.rollup.Grain;
import ssa.rollup.RollupKey;
import ssa.rollup.RollupValue;
import ssa.rollup.StoredRollup;

/** The job's store in Cassandra; owns the driver-side session and closes it. */
public final class CassandraStore implements BatchStore {
  private final CqlSession session;
  private final EventWriters events;
  private final ProgressStore progress;
  private final RawIndex rawIndex;
  private final RollupUpserter rollups;
  private final RollupStore rollupReads;
  private final RollupKeyIndex keys;
  private final AlertTable alerts;

  private CassandraStore(JobSettings settings, CqlSession session, CassandraConnector connector) {
    String keyspace = settings.cassandra().keyspace();
    this.session = session;
    this.events = new CassandraEventWriters(connector, settings.cassandra());
    this.progress = new ProgressStore(session, keyspace, settings.name());
    this.rawIndex = new RawIndex(session, keyspace);
    this.rollups =
        new RollupUpserter(
            session,
            keyspace,
            settings.name(),
            settings.rollups(),
            DefaultConsistencyLevel.valueOf(settings.cassandra().consistencyLevel()),
            settings.rollupCacheRows(),
            settings.coarseWriteInterval(),
            settings.coarseWriteMinRows());
    this.rollupReads = new RollupStore(session, keyspace);
    this.keys = new RollupKeyIndex(session, keyspace);
    this.alerts = new AlertTable(session, keyspace, settings.name());
  }

  /** Opens the store of a job whose tasks reach Cassandra through {@code connector}. */
  public static CassandraStore open(JobSettings settings, CassandraConnector connector) {
    CqlSession session = Sessions.open(settings.cassandra());
    try {
      return new CassandraStore(settings, session, connector);
    } catch (RuntimeException e) {
      session.close();
      throw e;
    }
  }

  @Override
  public EventWriters events() {
    return events;
  }

  @Override
  public Optional<StreamProgress> latestProgress() {
    return progress.latest();
  }

  @Override
  public Map<RollupKey, StoredRollup> upsertRollups(
      Map<RollupKey, RollupValue> partials, BatchId batch, Instant newestBucket) {
    return rollups.upsert(partials, batch, newestBucket);
  }

  @Override
  public Map<RollupKey, RollupValue> bucketsOfEveryKey(
      String rollup, Grain grain, List<Instant> buckets) {
    List<RollupKey> rows = new ArrayList<>();
    for (String key : keys.keys(rollup)) {
      for (Instant bucket : buckets) {
        rows.add(RollupKey.of(rollup, grain, key, bucket));
      }
    }
    Map<RollupKey, RollupValue> values = new HashMap<>(rows.size() * 2);
    // A row the job holds back is newer than the stored one, so that one is not read.
    List<RollupKey> stored = new ArrayList<>(rows.size());
    for (RollupKey row : rows) {
      StoredRollup pending = rollups.pendingRow(row);
      if (pending != null) {
        values.put(row, pending.value());
      } else {
        stored.add(row);
      }
    }
    rollupReads.forEachBucket(
        stored.iterator(),
        row -> row,
        (row, found) -> values.put(row, found == null ? RollupValue.EMPTY : found.value()));
    return values;
  }

  @Override
  public List<Alert> recordAlerts(List<Alert> candidates) {
    return alerts.fire(candidates);
  }

  @Override
  public List<Alert> undeliveredAlerts() {
    return alerts.undelivered();
  }

  @Override
  public void alertDelivered(Alert alert) {
    alerts.delivered(alert);
  }

  @Override
  public void recordArrivals(RawArrivals arrivals) {
    rawIndex.record(arrivals);
  }

  @Override
  public void recordProgress(BatchId batch, StreamProgress before, StreamProgress after) {
    progress.recordProgress(batch, before, after);
  }

  @Override
  public void recordStats(BatchStats stats) {
    progress.recordStats(stats);
  }

  @Override
  public void writeDueRollups() {
    rollups.writePendingIfDue();
  }

  @Override
  public void writeHeldRollups() {
    rollups.writePending();
  }

  @Override
  public void forgetHeldRollups() {
    rollups.forget();
  }

  @Override
  public void close() {
    session.close();
  }
}
