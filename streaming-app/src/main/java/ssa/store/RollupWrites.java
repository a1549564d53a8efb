package ssa.store;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import ssa.rollup.RollupDefinition;
import ssa.rollup.RollupKey;
import ssa.rollup.StoredRollup;

/**
 * Writes whole rollup rows, each with its definition's derived figures and its grain's retention,
 * in small batches of rows that share their replicas ({@link ReplicaBatches}), a bounded number in
 * flight. The stream's upserts and the incremental run's rebuilds both write through this.
 */
public final class RollupWrites {
  /**
   * Batches in flight, of up to {@link ReplicaBatches#MAX_PARTITIONS} rows: the ceiling bench's
   * best single-row figure came at 512 requests, its best batched ones at 32 to 512.
   */
  private static final int IN_FLIGHT = 128;

  private final CqlSession session;
  private final String keyspace;
  private final PreparedStatement insert;
  private final Map<String, RollupDefinition> definitions;
  private final ConsistencyLevel consistency;
  private final RollupKeyIndex keys;

  /** The job's own sessions keep the node's batch-size warnings out of the log; others log them. */
  private final String profile;

  public RollupWrites(
      CqlSession session,
      String keyspace,
      List<RollupDefinition> definitions,
      ConsistencyLevel consistency) {
    this.session = session;
    this.keyspace = keyspace;
    this.insert = session.prepare(RollupRows.insertCql(keyspace));
    this.definitions = RollupDefinition.byName(definitions);
    this.consistency = consistency;
    this.keys = new RollupKeyIndex(session, keyspace);
    this.profile =
        session.getContext().getConfig().getProfiles().containsKey(Sessions.QUIET_BATCHES)
            ? Sessions.QUIET_BATCHES
            : null;
  }

  /**
   * Writes every row, then the keys of those rows into rollup_keys; returns once all are written.
   * The first failure is thrown.
   */
  public void write(Iterable<Map.Entry<RollupKey, StoredRollup>> rows) {
    List<RollupKey> written = new ArrayList<>();
    Instant now = Instant.now();
    Semaphore inFlight = new Semaphore(IN_FLIGHT);
    List<CompletableFuture<?>> writes = new ArrayList<>();
    ReplicaBatches batches = new ReplicaBatches(session, keyspace);
    for (Map.Entry<RollupKey, StoredRollup> row : rows) {
      RollupKey key = row.getKey();
      RollupDefinition definition = definitions.get(key.rollup());
      if (definition == null) {
        throw new IllegalArgumentException("no rollup definition named " + key.rollup());
      }
      batches
          .add(RollupRows.bind(insert, definition, key, row.getValue(), now).build())
          .ifPresent(full -> send(full, inFlight, writes));
      written.add(key);
    }
    batches.rest().forEach(rest -> send(rest, inFlight, writes));
    CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).join();
    keys.record(written);
  }

  private void send(Statement<?> batch, Semaphore inFlight, List<CompletableFuture<?>> writes) {
    inFlight.acquireUninterruptibly();
    writes.add(
        session
            .executeAsync(batch.setConsistencyLevel(consistency).setExecutionProfileName(profile))
            .toCompletableFuture()
            .whenComplete((result, error) -> inFlight.release()));
  }
}
