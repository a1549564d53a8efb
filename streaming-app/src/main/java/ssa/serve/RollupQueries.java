package ssa.serve;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;
import ssa.rollup.Grain;
import ssa.rollup.RollupDefinition;
import ssa.store.RollupKeyIndex;

/**
 * What the query API reads from Cassandra, always by partition: the keys of a rollup from
 * rollup_keys, a key's rows of one grain period by period. No ALLOW FILTERING, no scan.
 */
public final class RollupQueries {
  /** Keys a top-N query reads at most: each is one read per period of the range. */
  static final int MAX_TOP_KEYS = 50_000;

  /** Reads a top-N query keeps in flight. */
  private static final int TOP_READS_IN_FLIGHT = 128;

  /** Keys listed at most. */
  static final int MAX_KEYS = 1_000;

  private static final String FIGURES =
      "bucket, count, error_count, sum, min, max, avg, quantiles, distinct";

  private final CqlSession session;
  private final Map<String, RollupDefinition> rollups;
  private final RollupKeyIndex keys;
  private final PreparedStatement range;
  // Top N reads every key: only the columns it sums, not the maps and sketches a series shows.
  private final PreparedStatement totals;

  public RollupQueries(CqlSession session, String keyspace, List<RollupDefinition> definitions) {
    this.session = session;
    this.rollups = RollupDefinition.byName(definitions);
    this.keys = new RollupKeyIndex(session, keyspace);
    String where =
        " FROM "
            + keyspace
            + ".rollups WHERE rollup = ? AND grain = ? AND key = ? AND period = ?"
            + " AND bucket >= ? AND bucket < ?";
    this.range = session.prepare("SELECT " + FIGURES + where);
    this.totals = session.prepare("SELECT count, error_count, sum" + where);
  }

  /** The definitions, as configured. */
  List<Map<String, Object>> definitions() {
    List<Map<String, Object>> out = new ArrayList<>();
    for (RollupDefinition d : rollups.values()) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("name", d.name());
      json.put("groupBy", d.groupBy());
      json.put("grains", d.grains().stream().map(Grain::id).toList());
      json.put("measures", d.measures());
      json.put("distinct", d.distinct());
      json.put("percentiles", d.percentiles());
      Map<String, Long> retention = new LinkedHashMap<>();
      d.retention().forEach((g, kept) -> retention.put(g.id(), kept.toSeconds()));
      json.put("retentionSeconds", retention);
      out.add(json);
    }
    return out;
  }

  RollupDefinition rollup(String name) {
    RollupDefinition rollup = rollups.get(name);
    if (rollup == null) {
      throw new BadRequest("no rollup named '" + name + "'; there are " + rollups.keySet());
    }
    return rollup;
  }

  /** The rollup's keys containing {@code search} (all when empty), at most {@code limit}. */
  List<String> keys(RollupDefinition rollup, String search, int limit) {
    String wanted = search.toLowerCase();
    return keys.keys(rollup.name()).stream()
        .filter(k -> wanted.isEmpty() || k.toLowerCase().contains(wanted))
        .limit(limit)
        .toList();
  }

  /** A key's rows of a grain with buckets in [from, to), oldest first. */
  List<Map<String, Object>> series(
      RollupDefinition rollup, String key, Grain grain, Instant from, Instant to, ZoneId zone) {
    checkKept(rollup, grain);
    List<Map<String, Object>> out = new ArrayList<>();
    for (Instant[] part : grain.periodSlices(grain.bucketStart(from), to)) {
      List<Row> rows =
          session
              .execute(
                  range.bind(
                      rollup.name(), grain.id(), key, grain.periodStart(part[0]), part[0], part[1]))
              .all();
      for (int i = rows.size() - 1; i >= 0; i--) {
        out.add(figures(rows.get(i), zone));
      }
    }
    return out;
  }

  private static void checkKept(RollupDefinition rollup, Grain grain) {
    if (!rollup.grains().contains(grain)) {
      throw new BadRequest(
          "rollup '"
              + rollup.name()
              + "' keeps no "
              + grain.id()
              + " rows; it keeps "
              + rollup.grains().stream().map(Grain::id).toList());
    }
  }

  /** The {@code n} keys with the highest total of a figure over [from, to) in a grain. */
  List<Map<String, Object>> top(
      RollupDefinition rollup, Grain grain, Instant from, Instant to, String by, int n) {
    List<String> all = keys.keys(rollup.name());
    if (all.size() > MAX_TOP_KEYS) {
      throw new BadRequest(
          "rollup '"
              + rollup.name()
              + "' has "
              + all.size()
              + " keys; top reads at most "
              + MAX_TOP_KEYS);
    }
    checkKept(rollup, grain);
    checkFigure(by);
    List<Instant[]> slices = grain.periodSlices(grain.bucketStart(from), to);
    // A read per key and period, many in flight at once: thousands of keys answer in seconds.
    Semaphore inFlight = new Semaphore(TOP_READS_IN_FLIGHT);
    List<CompletableFuture<Total>> reads = new ArrayList<>();
    for (String key : all) {
      inFlight.acquireUninterruptibly();
      CompletableFuture<Total> total = CompletableFuture.completedFuture(new Total(key, 0, 0));
      for (Instant[] slice : slices) {
        total =
            total.thenCompose(
                t ->
                    session
                        .executeAsync(
                            totals.bind(
                                rollup.name(),
                                grain.id(),
                                key,
                                grain.periodStart(slice[0]),
                                slice[0],
                                slice[1]))
                        .thenCompose(rows -> add(rows, t, by)));
      }
      reads.add(total.whenComplete((t, e) -> inFlight.release()));
    }
    List<Total> totals = new ArrayList<>();
    for (CompletableFuture<Total> read : reads) {
      Total total;
      try {
        total = read.join();
      } catch (java.util.concurrent.CompletionException e) {
        throw e.getCause() instanceof RuntimeException cause ? cause : e;
      }
      if (total.count() > 0) {
        totals.add(total);
      }
    }
    totals.sort(Comparator.comparingDouble(Total::value).reversed());
    List<Map<String, Object>> out = new ArrayList<>();
    for (Total total : totals.subList(0, Math.min(n, totals.size()))) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("key", total.key());
      entry.put("count", total.count());
      // By count, the figure is the count itself: one field, as a whole number.
      if (!by.equals("count")) {
        entry.put(by, total.value());
      }
      out.add(entry);
    }
    return out;
  }

  /** A key's figure and count summed over the rows it has in one range of buckets. */
  private record Total(String key, double value, long count) {}

  private static CompletionStage<Total> add(AsyncResultSet rows, Total total, String by) {
    double value = total.value();
    long count = total.count();
    for (Row row : rows.currentPage()) {
      value += figure(row, by);
      count += row.getLong("count");
    }
    Total sum = new Total(total.key(), value, count);
    return rows.hasMorePages()
        ? rows.fetchNextPage().thenCompose(next -> add(next, sum, by))
        : CompletableFuture.completedFuture(sum);
  }

  /** count, error_count, or a summed measure as sum.NAME. */
  private static void checkFigure(String by) {
    if (!by.equals("count") && !by.equals("error_count") && !by.startsWith("sum.")) {
      throw new BadRequest(
          "parameter 'by' must be count, error_count or sum.MEASURE, was '" + by + "'");
    }
  }

  private static double figure(Row row, String by) {
    if (by.startsWith("sum.")) {
      return row.getMap("sum", String.class, Double.class).getOrDefault(by.substring(4), 0.0);
    }
    return row.getLong(by);
  }

  private static Map<String, Object> figures(Row row, ZoneId zone) {
    Map<String, Object> json = new LinkedHashMap<>();
    Instant bucket = row.getInstant("bucket");
    json.put("bucket", bucket.toString());
    if (!zone.equals(ZoneId.of("UTC"))) {
      json.put("local", bucket.atZone(zone).toOffsetDateTime().toString());
    }
    json.put("count", row.getLong("count"));
    json.put("error_count", row.getLong("error_count"));
    for (String map : List.of("sum", "min", "max", "avg", "quantiles")) {
      json.put(map, row.getMap(map, String.class, Double.class));
    }
    json.put("distinct", row.getMap("distinct", String.class, Long.class));
    return json;
  }
}
