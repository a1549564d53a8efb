package ssa.store;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import ssa.rollup.BatchId;
import ssa.rollup.RollupKey;
import ssa.rollup.RollupValue;
import ssa.rollup.StoredRollup;

/**
 * Applies a batch's partial values to their rollup rows on the driver: the current row comes from
 * the {@link RollupCache} or, failing that, from Cassandra; {@link StoredRollup#apply} adds the
 * partial under the replay guard; the whole row is written back, in small batches of rows that
 * share their replicas ({@link ReplicaBatches}), a bounded number in flight.
 */
final class RollupUpserter {
  /**
   * Batches in flight, of up to {@link ReplicaBatches#MAX_PARTITIONS} rows: the ceiling bench's
   * best single-row figure came at 512 requests, its best batched ones at 32 to 512.
   */
  private static final int IN_FLIGHT = 128;

  private final CqlSession session;
  private final String keyspace;
  private final RollupStore reads;
  private final RollupRewrites rewrites;
  private final PreparedStatement insert;
  private final ConsistencyLevel consistency;
  private final RollupCache cache;
  private Instant lastRewrite;

  RollupUpserter(CqlSession session, String keyspace, ConsistencyLevel consistency, int cacheRows) {
    this.session = session;
    this.keyspace = keyspace;
    this.reads = new RollupStore(session, keyspace);
    this.rewrites = new RollupRewrites(session, keyspace);
    this.insert = session.prepare(RollupRows.insertCql(keyspace));
    this.consistency = consistency;
    this.cache = new RollupCache(cacheRows);
  }

  long upsert(Map<RollupKey, RollupValue> partials, BatchId batch) {
    Instant rewritten = rewrites.last();
    if (!rewritten.equals(lastRewrite)) {
      cache.clear();
      lastRewrite = rewritten;
    }
    try {
      Map<RollupKey, StoredRollup> current = current(partials);
      Instant now = Instant.now();
      String applied = batch.toString();
      Map<RollupKey, StoredRollup> next = new HashMap<>(partials.size() * 2);
      Semaphore inFlight = new Semaphore(IN_FLIGHT);
      List<CompletableFuture<?>> writes = new ArrayList<>(partials.size());
      ReplicaBatches batches = new ReplicaBatches(session, keyspace);
      partials.forEach(
          (key, partial) -> {
            StoredRollup row = StoredRollup.apply(current.get(key), partial, applied);
            next.put(key, row);
            batches
                .add(RollupRows.bind(insert, key, row, now).build())
                .ifPresent(full -> send(full, inFlight, writes));
          });
      batches.rest().forEach(rest -> send(rest, inFlight, writes));
      CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).join();
      next.forEach(cache::put);
      return next.size();
    } catch (RuntimeException e) {
      // Some rows may hold this batch and some not: only Cassandra knows, so ask it next time.
      cache.clear();
      throw e;
    }
  }

  private void send(BatchStatement batch, Semaphore inFlight, List<CompletableFuture<?>> writes) {
    inFlight.acquireUninterruptibly();
    writes.add(
        session
            .executeAsync(
                batch
                    .setConsistencyLevel(consistency)
                    .setExecutionProfileName(Sessions.QUIET_BATCHES))
            .toCompletableFuture()
            .whenComplete((result, error) -> inFlight.release()));
  }

  /** The stored row of every bucket the batch touches; absent where the bucket has none. */
  private Map<RollupKey, StoredRollup> current(Map<RollupKey, RollupValue> partials) {
    Map<RollupKey, StoredRollup> current = new HashMap<>(partials.size() * 2);
    List<RollupKey> missing = new ArrayList<>();
    for (RollupKey key : partials.keySet()) {
      StoredRollup cached = cache.get(key);
      if (cached != null) {
        current.put(key, cached);
      } else {
        missing.add(key);
      }
    }
    reads.forEachBucket(
        missing.iterator(),
        key -> key,
        (key, stored) -> {
          if (stored != null) {
            current.put(key, stored);
          }
        });
    return current;
  }
}
