package ssa.store;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ssa.rollup.BatchId;
import ssa.rollup.Grain;
import ssa.rollup.RollupDefinition;
import ssa.rollup.RollupKey;
import ssa.rollup.RollupValue;
import ssa.rollup.StoredRollup;

/**
 * Applies a batch's partial values to their rollup rows on the driver: the current row comes from
 * memory or, failing that, from Cassandra; {@link StoredRollup#apply} adds the partial under the
 * replay guard; the whole row is written back through {@link RollupWrites}.
 *
 * <p>Rows of the finest grain each rollup keeps are written by every batch. Rows of the coarser
 * grains that can be rebuilt from finer rows ({@link RollupDefinition#rebuildable}) are written
 * every {@code coarseInterval} instead, in batches that change at least {@code coarseMinRows} of
 * them: at many keys they are most of a batch's rows and of the node's work. Until then they are
 * pending, in memory, and noted in rollup_pending before the finer rows that change them are
 * written, so every stored row not noted is whole. A job's first batch (and the first after it
 * forgot what it holds) that finds notes an earlier run left rebuilds those rows and its own
 * coarser rows from the finer rows, which are exact: a stop at any point loses nothing.
 */
final class RollupUpserter {
  private static final Logger LOG = LoggerFactory.getLogger(RollupUpserter.class);

  private final RollupStore reads;
  private final RollupRewrites rewrites;
  private final RollupWrites writes;
  private final RollupCache cache;
  private final PendingRollups notes;
  private final Map<String, RollupDefinition> definitions;
  private final Duration coarseInterval;

  /** A batch that changes fewer deferrable rows than this writes them all, as few keys do. */
  private final int coarseMinRows;

  /** Pending rows past this many are written at once, whatever the interval. */
  private final int maxPending;

  /** Rows changed in memory and not written yet; every one of them is noted in rollup_pending. */
  private final Map<RollupKey, StoredRollup> pending = new HashMap<>();

  /** Until a batch has rebuilt the rows an earlier run (or a forgotten memory) left unwritten. */
  private boolean cold = true;

  private Instant lastRewrite;
  private long lastWriteNanos = System.nanoTime();

  RollupUpserter(
      CqlSession session,
      String keyspace,
      String job,
      List<RollupDefinition> definitions,
      ConsistencyLevel consistency,
      int cacheRows,
      Duration coarseInterval,
      int coarseMinRows) {
    this.reads = new RollupStore(session, keyspace);
    this.rewrites = new RollupRewrites(session, keyspace);
    this.writes = new RollupWrites(session, keyspace, definitions, consistency);
    this.cache = new RollupCache(cacheRows);
    this.notes = new PendingRollups(session, keyspace, job);
    this.definitions = RollupDefinition.byName(definitions);
    this.coarseInterval = coarseInterval;
    this.coarseMinRows = coarseMinRows;
    this.maxPending = Math.max(cacheRows, 10_000);
  }

  /**
   * Returns every row the batch changed, as it is now, written or pending.
   *
   * @param newestBucket no row of a later bucket exists; null when unknown
   */
  synchronized Map<RollupKey, StoredRollup> upsert(
      Map<RollupKey, RollupValue> partials, BatchId batch, Instant newestBucket) {
    forgetIfRewritten();
    try {
      Map<RollupKey, RollupValue> now = new HashMap<>(partials.size() * 2);
      Map<RollupKey, RollupValue> later = new HashMap<>(partials.size() * 2);
      partials.forEach((key, partial) -> (deferrable(key) ? later : now).put(key, partial));
      if (!defers(later.size())) {
        now.putAll(later);
        later.clear();
        if (!cold) {
          // Held rows this batch changes are written with it: none may stay held, stale, behind.
          writePending();
        }
      }
      if (cold) {
        List<RollupKey> leftOver = notes.all();
        if (!leftOver.isEmpty()) {
          return upsertCold(now, later, leftOver, batch, newestBucket);
        }
        // Nothing noted: every stored row is whole, with its replay guard, as a warm batch needs.
        cold = false;
        lastWriteNanos = System.nanoTime();
      }
      return upsertWarm(now, later, batch, newestBucket);
    } catch (RuntimeException e) {
      // Some rows may hold this batch and some not: only Cassandra knows, so ask it next time.
      forget();
      throw e;
    }
  }

  /** Writes the pending rows if the interval has passed since the last write; for an idle job. */
  synchronized void writePendingIfDue() {
    if (cold || pending.isEmpty() || !due()) {
      return;
    }
    forgetIfRewritten();
    if (!cold) {
      writePending();
    }
  }

  /** Writes the pending rows now; when the job stops. */
  synchronized void writePending() {
    if (cold || pending.isEmpty()) {
      return;
    }
    writes.write(pending.entrySet());
    pending.forEach(cache::put);
    pending.clear();
    notes.clear();
    lastWriteNanos = System.nanoTime();
  }

  /** The row as this job holds it back, not written yet; null when it holds none. */
  synchronized StoredRollup pendingRow(RollupKey key) {
    return pending.get(key);
  }

  /**
   * The row as this job holds it, pending or as last written, to apply {@code batch} to; null when
   * it holds none it can apply that batch to.
   */
  private StoredRollup held(RollupKey key, String batch) {
    StoredRollup row = pending.get(key);
    return row != null ? row : cache.get(key, batch);
  }

  private Map<RollupKey, StoredRollup> upsertWarm(
      Map<RollupKey, RollupValue> now,
      Map<RollupKey, RollupValue> later,
      BatchId batch,
      Instant newestBucket) {
    List<RollupKey> unnoted = new ArrayList<>();
    later.keySet().stream().filter(k -> !pending.containsKey(k) && noted(k)).forEach(unnoted::add);
    if (!unnoted.isEmpty()) {
      notes.note(batch, unnoted);
    }
    Map<RollupKey, StoredRollup> changed = apply(now, batch, newestBucket);
    writes.write(changed.entrySet());
    changed.forEach(cache::put);
    Map<RollupKey, StoredRollup> held = apply(later, batch, newestBucket);
    held.forEach(
        (key, row) -> {
          pending.put(key, row);
          // Superseded: a copy here would double the memory the job holds for rows.
          cache.remove(key);
        });
    changed.putAll(held);
    if (due() || pending.size() > maxPending) {
      writePending();
    }
    return changed;
  }

  /**
   * The first batch after a start that finds notes: writes this batch's rows that are not held
   * back, then rebuilds from them, grain by grain, its own held-back rows and those an earlier run
   * noted and may not have written, and writes them all.
   */
  private Map<RollupKey, StoredRollup> upsertCold(
      Map<RollupKey, RollupValue> now,
      Map<RollupKey, RollupValue> later,
      List<RollupKey> leftOver,
      BatchId batch,
      Instant newestBucket) {
    Set<RollupKey> rebuild = new LinkedHashSet<>(later.keySet());
    for (RollupKey row : leftOver) {
      RollupDefinition definition = definition(row);
      for (Grain grain : definition.grains()) {
        if (grain.compareTo(row.grain()) >= 0 && definition.rebuildable(grain)) {
          rebuild.add(row.in(grain));
        }
      }
    }
    // A noted row is stale in Cassandra: adding this batch to it would only be overwritten.
    Map<RollupKey, RollupValue> applied = new HashMap<>(now);
    applied.keySet().removeAll(rebuild);
    Map<RollupKey, StoredRollup> changed = apply(applied, batch, newestBucket);
    writes.write(changed.entrySet());
    changed.forEach(cache::put);
    // Finest first: each grain is summed from rows written just before.
    Map<Grain, List<RollupKey>> byGrain = new EnumMap<>(Grain.class);
    rebuild.forEach(k -> byGrain.computeIfAbsent(k.grain(), g -> new ArrayList<>()).add(k));
    for (List<RollupKey> ofGrain : byGrain.values()) {
      Map<RollupKey, StoredRollup> rebuilt =
          reads.finerSums(
              ofGrain, k -> definition(k).finerKept(k.grain()), batch, batch.toString());
      writes.write(rebuilt.entrySet());
      rebuilt.forEach(cache::put);
      rebuilt.forEach(
          (key, row) -> {
            if (now.containsKey(key) || later.containsKey(key)) {
              changed.put(key, row);
            }
          });
    }
    LOG.info(
        "Rebuilt {} rollup rows from finer rows: this batch's coarser ones, and those of {} noted"
            + " keys an earlier run may not have written",
        rebuild.size(),
        leftOver.size());
    notes.clear();
    cold = false;
    lastWriteNanos = System.nanoTime();
    return changed;
  }

  /** Each row's new value: its partial added to its current value. */
  private Map<RollupKey, StoredRollup> apply(
      Map<RollupKey, RollupValue> partials, BatchId batch, Instant newestBucket) {
    String applied = batch.toString();
    Map<RollupKey, StoredRollup> current = current(partials, applied, newestBucket);
    Map<RollupKey, StoredRollup> next = new HashMap<>(partials.size() * 2);
    partials.forEach(
        (key, partial) -> next.put(key, StoredRollup.apply(current.get(key), partial, applied)));
    return next;
  }

  /**
   * The stored row of every bucket the batch touches; absent where the bucket has none. A bucket
   * after the newest one ever written has none, so it is not read: each new minute of a stream of
   * many keys would otherwise cost a read per key that finds nothing.
   */
  private Map<RollupKey, StoredRollup> current(
      Map<RollupKey, RollupValue> partials, String batch, Instant newestBucket) {
    Map<RollupKey, StoredRollup> current = new HashMap<>(partials.size() * 2);
    List<RollupKey> missing = new ArrayList<>();
    for (RollupKey key : partials.keySet()) {
      StoredRollup held = held(key, batch);
      if (held != null) {
        current.put(key, held);
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

  /** Whether a batch that changes this many deferrable rows holds them back: enough to pay. */
  private boolean defers(int deferrable) {
    return !coarseInterval.isZero() && deferrable > 0 && deferrable >= coarseMinRows;
  }

  /** Whether the row may wait for the interval: a coarser grain that finer rows can rebuild. */
  private boolean deferrable(RollupKey key) {
    return definition(key).rebuildable(key.grain());
  }

  /**
   * Whether the row is one rollup_pending names: the finest deferred grain of its rollup. Every
   * batch that changes a coarser deferred row changes the row of this grain that holds it too.
   */
  private boolean noted(RollupKey key) {
    Grain finer = definition(key).finerKept(key.grain());
    return finer == null || !definition(key).rebuildable(finer);
  }

  private boolean due() {
    return System.nanoTime() - lastWriteNanos >= coarseInterval.toNanos();
  }

  private RollupDefinition definition(RollupKey key) {
    RollupDefinition definition = definitions.get(key.rollup());
    if (definition == null) {
      throw new IllegalArgumentException("no rollup definition named " + key.rollup());
    }
    return definition;
  }

  private void forgetIfRewritten() {
    Instant rewritten = rewrites.last();
    if (!rewritten.equals(lastRewrite)) {
      if (lastRewrite != null) {
        forget();
      }
      lastRewrite = rewritten;
    }
  }

  /** Forgets what it holds; the pending rows stay noted, so the next batch rebuilds them. */
  synchronized void forget() {
    cache.clear();
    pending.clear();
    cold = true;
  }
}
