package ssa.store;

import java.util.LinkedHashMap;
import java.util.Map;
import ssa.rollup.RollupKey;
import ssa.rollup.StoredRollup;

/**
 * The rollup rows this job wrote last, as it wrote them, newest use last: a batch reads back from
 * Cassandra only the rows it has not got here, so a batch's cost follows its events, not the number
 * of keys. Only what this job itself wrote goes in; a restart or a failed write empties it, and an
 * incremental run that rewrites rows tells the job to forget them (see {@link RollupRewrites}).
 */
final class RollupCache {
  private final int capacity;
  private final LinkedHashMap<RollupKey, StoredRollup> rows;

  RollupCache(int capacity) {
    this.capacity = capacity;
    this.rows =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<RollupKey, StoredRollup> eldest) {
            return size() > RollupCache.this.capacity;
          }
        };
  }

  StoredRollup get(RollupKey key) {
    return rows.get(key);
  }

  void put(RollupKey key, StoredRollup row) {
    if (capacity > 0) {
      rows.put(key, row);
    }
  }

  void remove(RollupKey key) {
    rows.remove(key);
  }

  void clear() {
    rows.clear();
  }
}
