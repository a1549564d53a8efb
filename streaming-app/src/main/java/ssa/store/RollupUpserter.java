package ssa.store;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import ssa.rollup.BatchId;
import ssa.rollup.RollupDefinition;
import ssa.rollup.RollupKey;
import ssa.rollup.RollupValue;
import ssa.rollup.StoredRollup;

/**
 * Applies a batch's partial values to their rollup rows on the driver: the current row comes from
 * the {@link RollupCache} or, failing that, from Cassandra; {@link StoredRollup#apply} adds the
 * partial under the replay guard; the whole row is written back through {@link RollupWrites}.
 */
final class RollupUpserter {
  private final RollupStore reads;
  private final RollupRewrites rewrites;
  private final RollupWrites writes;
  private final RollupCache cache;
  private Instant lastRewrite;

  RollupUpserter(
      CqlSession session,
      String keyspace,
      List<RollupDefinition> definitions,
      ConsistencyLevel consistency,
      int cacheRows) {
    this.reads = new RollupStore(session, keyspace);
    this.rewrites = new RollupRewrites(session, keyspace);
    this.writes = new RollupWrites(session, keyspace, definitions, consistency);
    this.cache = new RollupCache(cacheRows);
  }

  /**
   * Returns the rows written, as written.
   *
   * @param newestBucket no row of a later bucket exists; null when unknown
   */
  Map<RollupKey, StoredRollup> upsert(
      Map<RollupKey, RollupValue> partials, BatchId batch, Instant newestBucket) {
    Instant rewritten = rewrites.last();
    if (!rewritten.equals(lastRewrite)) {
      cache.clear();
      lastRewrite = rewritten;
    }
    try {
      Map<RollupKey, StoredRollup> current = current(partials, newestBucket);
      String applied = batch.toString();
      Map<RollupKey, StoredRollup> next = new HashMap<>(partials.size() * 2);
      partials.forEach(
          (key, partial) -> next.put(key, StoredRollup.apply(current.get(key), partial, applied)));
      writes.write(next.entrySet());
      next.forEach(cache::put);
      return next;
    } catch (RuntimeException e) {
      // Some rows may hold this batch and some not: only Cassandra knows, so ask it next time.
      cache.clear();
      throw e;
    }
  }

  /**
   * The stored row of every bucket the batch touches; absent where the bucket has none. A bucket
   * after the newest one ever written has none, so it is not read: each new minute of a stream of
   * many keys would otherwise cost a read per key that finds nothing.
   */
  private Map<RollupKey, StoredRollup> current(
      Map<RollupKey, RollupValue> partials, Instant newestBucket) {
    Map<RollupKey, StoredRollup> current = new HashMap<>(partials.size() * 2);
    List<RollupKey> missing = new ArrayList<>();
    for (RollupKey key : partials.keySet()) {
      StoredRollup cached = cache.get(key);
      if (cached != null) {
        current.put(key, cached);
      } else if (newestBucket == null || !key.bucket().isAfter(newestBucket)) {
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
