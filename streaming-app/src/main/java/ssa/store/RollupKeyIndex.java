package ssa.store;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import ssa.rollup.RollupKey;

/**
 * The rollup_keys table: every key of each rollup definition, so readers list a definition's keys
 * by partition instead of scanning rollups. Written beside the rows; remembers what it wrote, so a
 * key costs one write per process, not one per batch.
 */
public final class RollupKeyIndex {
  /** Keys remembered at most; past that the memory starts again (a write again is harmless). */
  private static final int REMEMBERED = 1_000_000;

  /** Writes in flight: a first batch of thousands of keys must not exceed a connection's 1,024. */
  private static final int IN_FLIGHT = 128;

  private final CqlSession session;
  private final PreparedStatement insert;
  private final PreparedStatement select;
  // Per rollup, the keys written: a lookup per row, nothing allocated for a key seen before.
  private final Map<String, Set<String>> written = new HashMap<>();
  private int remembered;

  public RollupKeyIndex(CqlSession session, String keyspace) {
    this.session = session;
    String table = keyspace + "." + Tables.ROLLUP_KEYS;
    this.insert = session.prepare("INSERT INTO " + table + " (rollup, key) VALUES (?, ?)");
    this.select = session.prepare("SELECT key FROM " + table + " WHERE rollup = ?");
  }

  /** Records the keys of these rows that this index has not written yet. */
  public void record(Iterable<RollupKey> rows) {
    List<CompletableFuture<?>> writes = new ArrayList<>();
    Semaphore inFlight = new Semaphore(IN_FLIGHT);
    for (RollupKey row : rows) {
      if (remembered >= REMEMBERED) {
        forget();
      }
      if (written.computeIfAbsent(row.rollup(), r -> new HashSet<>()).add(row.key())) {
        remembered++;
        inFlight.acquireUninterruptibly();
        writes.add(
            session
                .executeAsync(insert.bind(row.rollup(), row.key()))
                .toCompletableFuture()
                .whenComplete((result, error) -> inFlight.release()));
      }
    }
    try {
      CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).join();
    } catch (RuntimeException e) {
      // Not known to be written: write them again next time.
      forget();
      throw e;
    }
  }

  private void forget() {
    written.clear();
    remembered = 0;
  }

  /** The keys of a rollup definition, in Cassandra's order (by key). */
  public List<String> keys(String rollup) {
    List<String> keys = new ArrayList<>();
    for (Row row : session.execute(select.bind(rollup))) {
      keys.add(row.getString("key"));
    }
    return keys;
  }
}
