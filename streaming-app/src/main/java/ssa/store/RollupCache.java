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
 *
 * <p>Rows are held without their prior value, which only applying their own batch again needs: a
 * job replays a batch after a restart, with this emptied, so such a row is read from Cassandra
 * instead. Priors were half the memory of the rows held (5,000 keys: 200,000 rows, some 800 MB with
 * the rows held back, most of which the collector copied again every batch).
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

  /** The row as last written, or null when not held or when {@code batch} last changed it. */
  StoredRollup get(RollupKey key, String batch) {
    StoredRollup row = rows.get(key);
    return row == null || batch.equals(row.appliedBatch()) ? null : row;
  }

  void put(RollupKey key, StoredRollup row) {
    if (capacity > 0) {
      rows.put(key, new StoredRollup(row.value(), row.appliedBatch(), null));
    }
  }

  void remove(RollupKey key) {
    rows.remove(key);
  }

  void clear() {
    rows.clear();
  }
}
