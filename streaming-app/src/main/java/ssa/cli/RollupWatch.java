package ssa.cli;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.ColumnDefinitions;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import ssa.rollup.Grain;
import ssa.rollup.RollupDefinition;
import ssa.store.RollupKeyIndex;

/**
 * Prints, every few seconds, each rollup's keys with their total so far in the coarsest grain it
 * keeps (with averages, percentiles and distinct counts) and their newest bucket of the finest:
 * what the demo shows while rollups fill in. Reads by partition only: the keys from rollup_keys,
 * then one row per key and grain.
 */
final class RollupWatch {
  /** Keys shown per rollup, those with the most events first. */
  private static final int SHOWN = 20;

  private final CqlSession session;
  private final List<RollupDefinition> rollups;
  private final RollupKeyIndex keys;
  private final PreparedStatement newest;

  RollupWatch(CqlSession session, String keyspace, List<RollupDefinition> rollups) {
    this.session = session;
    this.rollups = rollups;
    this.keys = new RollupKeyIndex(session, keyspace);
    this.newest =
        session.prepare(
            "SELECT rollup, key, bucket, count, error_count, avg, max, quantiles, distinct FROM "
                + keyspace
                + ".rollups WHERE rollup = ? AND grain = ? AND key = ? AND period = ? LIMIT 1");
  }

  void run(Duration every) throws InterruptedException {
    while (!Thread.currentThread().isInterrupted()) {
      Instant now = Instant.now();
      System.out.println("\n=== rollups at " + now + " ===");
      for (RollupDefinition rollup : rollups) {
        Grain coarsest = rollup.grains().get(rollup.grains().size() - 1);
        print(rollup, coarsest, now, "this " + coarsest.id());
        print(rollup, rollup.finest(), now, "newest " + rollup.finest().id());
      }
      Thread.sleep(every.toMillis());
    }
  }

  /** The rollup's newest row of the grain for each key, up to {@link #SHOWN} keys. */
  private void print(RollupDefinition rollup, Grain grain, Instant now, String what) {
    List<String> all = keys.keys(rollup.name());
    List<Row> rows = new ArrayList<>();
    ColumnDefinitions columns = null;
    for (String key : all) {
      Row row =
          session
              .execute(newest.bind(rollup.name(), grain.id(), key, grain.periodStart(now)))
              .one();
      if (row != null) {
        rows.add(row);
        columns = row.getColumnDefinitions();
      }
    }
    rows.sort(Comparator.comparingLong((Row r) -> r.getLong("count")).reversed());
    System.out.printf("%s, %s per key (%d keys)", rollup.name(), what, all.size());
    if (columns == null) {
      System.out.println(": none yet");
      return;
    }
    System.out.print(TablePrinter.format(columns, rows.subList(0, Math.min(SHOWN, rows.size()))));
  }
}
