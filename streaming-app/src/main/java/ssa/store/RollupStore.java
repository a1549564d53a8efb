package ssa.store;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;
import java.util.function.Function;
import ssa.rollup.BatchId;
import ssa.rollup.Grain;
import ssa.rollup.RollupKey;
import ssa.rollup.StoredRollup;

/**
 * Reads stored rollup rows for many items at once: one small read per item, a bounded number in
 * flight, enough to hide Cassandra's latency without flooding one node. Results are handed over in
 * the items' order.
 */
public final class RollupStore {
  private static final int IN_FLIGHT = 128;

  /** The rows of one partition (rollup, grain, key, period) with buckets in [from, until). */
  public record Range(
      String rollup, Grain grain, String key, Instant period, Instant from, Instant until) {}

  /**
   * The ranges of rows of a finer grain that make up a bucket: one per storage period of the finer
   * grain (an hour's minutes lie in one day; a year's days in one year).
   */
  private static List<Range> finerRanges(RollupKey bucket, Grain finer) {
    List<Range> ranges = new ArrayList<>();
    Instant end = bucket.grain().bucketEnd(bucket.bucket());
    for (Instant[] slice : finer.periodSlices(bucket.bucket(), end)) {
      ranges.add(
          new Range(
              bucket.rollup(),
              finer,
              bucket.key(),
              finer.periodStart(slice[0]),
              slice[0],
              slice[1]));
    }
    return ranges;
  }

  private final CqlSession session;
  private final PreparedStatement bucket;
  private final PreparedStatement range;

  public RollupStore(CqlSession session, String keyspace) {
    this.session = session;
    String select =
        "SELECT "
            + RollupRows.STORED_COLUMNS
            + " FROM "
            + keyspace
            + "."
            + Tables.ROLLUPS
            + " WHERE rollup = ? AND grain = ? AND key = ? AND period = ?";
    this.bucket = session.prepare(select + " AND bucket = ?");
    this.range = session.prepare(select + " AND bucket >= ? AND bucket < ?");
  }

  /** Hands each item the stored row of its bucket, or null when the bucket has none. */
  public <T> void forEachBucket(
      Iterator<T> items, Function<T, RollupKey> bucketOf, BiConsumer<T, StoredRollup> handle) {
    forEach(
        items,
        item -> {
          RollupKey b = bucketOf.apply(item);
          return session.executeAsync(
              bucket.bind(b.rollup(), b.grain().id(), b.key(), b.period(), b.bucket()));
        },
        (item, result) -> handle.accept(item, RollupRows.stored(result.one())));
  }

  /** Hands each item the stored rows of its range (a range must fit in one page, 5000 rows). */
  public <T> void forEachRange(
      Iterator<T> items, Function<T, Range> rangeOf, BiConsumer<T, List<StoredRollup>> handle) {
    forEach(
        items,
        item -> {
          Range r = rangeOf.apply(item);
          return session.executeAsync(
              range.bind(r.rollup(), r.grain().id(), r.key(), r.period(), r.from(), r.until()));
        },
        (item, result) -> {
          List<StoredRollup> rows = new ArrayList<>();
          result.currentPage().forEach(row -> rows.add(RollupRows.stored(row)));
          handle.accept(item, rows);
        });
  }

  /**
   * Each bucket as the sum of the stored rows of its finer grain ({@link StoredRollup#sum}); a
   * bucket without finer rows is left out.
   */
  public Map<RollupKey, StoredRollup> finerSums(
      Collection<RollupKey> buckets,
      Function<RollupKey, Grain> finerOf,
      BatchId lastBatch,
      String applied) {
    Map<RollupKey, List<StoredRollup>> finer = new LinkedHashMap<>();
    List<Map.Entry<RollupKey, Range>> reads = new ArrayList<>();
    for (RollupKey bucket : buckets) {
      finer.put(bucket, new ArrayList<>());
      finerRanges(bucket, finerOf.apply(bucket)).forEach(r -> reads.add(Map.entry(bucket, r)));
    }
    forEachRange(
        reads.iterator(),
        Map.Entry::getValue,
        (read, rows) -> finer.get(read.getKey()).addAll(rows));
    Map<RollupKey, StoredRollup> sums = new LinkedHashMap<>();
    finer.forEach(
        (bucket, rows) -> {
          if (!rows.isEmpty()) {
            sums.put(bucket, StoredRollup.sum(rows, lastBatch, applied));
          }
        });
    return sums;
  }

  private static <T> void forEach(
      Iterator<T> items,
      Function<T, CompletionStage<AsyncResultSet>> read,
      BiConsumer<T, AsyncResultSet> handle) {
    List<T> chunk = new ArrayList<>(IN_FLIGHT);
    List<CompletableFuture<AsyncResultSet>> reads = new ArrayList<>(IN_FLIGHT);
    while (items.hasNext()) {
      T item = items.next();
      chunk.add(item);
      reads.add(read.apply(item).toCompletableFuture());
      if (chunk.size() == IN_FLIGHT || !items.hasNext()) {
        for (int i = 0; i < chunk.size(); i++) {
          handle.accept(chunk.get(i), reads.get(i).join());
        }
        chunk.clear();
        reads.clear();
      }
    }
  }
}
