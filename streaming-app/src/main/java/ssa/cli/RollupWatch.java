package ssa.cli;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import ssa.rollup.Grain;

/**
 * Prints, every few seconds, each rollup's year rows so far (with averages, percentiles and
 * distinct counts) and each key's newest minute: what the demo shows while rollups fill in. Reads
 * whole grains, which suits a demo's few keys, not a big keyspace.
 */
final class RollupWatch {
  private final CqlSession session;

  RollupWatch(CqlSession session) {
    this.session = session;
  }

  void run(Duration every) throws InterruptedException {
    while (!Thread.currentThread().isInterrupted()) {
      System.out.println("\n=== rollups at " + Instant.now() + " ===");
      System.out.print(
          TablePrinter.format(
              session.execute(
                  "SELECT rollup, key, bucket AS year, count, error_count, avg, min, max,"
                      + " quantiles, distinct FROM rollups WHERE grain = 'year' ALLOW FILTERING")));
      Map<String, Row> newestMinute = new TreeMap<>();
      Instant today = Grain.DAY.bucketStart(Instant.now());
      for (Row row :
          session.execute(
              "SELECT rollup, key, bucket, count, error_count FROM rollups WHERE grain = 'minute'"
                  + " AND period = ? ALLOW FILTERING",
              today)) {
        newestMinute.merge(
            row.getString("rollup") + " " + row.getString("key"),
            row,
            (a, b) -> a.getInstant("bucket").isAfter(b.getInstant("bucket")) ? a : b);
      }
      System.out.println("newest minute per key:");
      newestMinute.forEach(
          (key, row) ->
              System.out.printf(
                  "  %-40s %s  count %6d  errors %5d%n",
                  key, row.getInstant("bucket"), row.getLong("count"), row.getLong("error_count")));
      Thread.sleep(every.toMillis());
    }
  }
}
