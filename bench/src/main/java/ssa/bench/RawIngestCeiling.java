package ssa.bench;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchableStatement;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Statement;
import com.datastax.oss.driver.api.core.type.codec.TypeCodec;
import com.datastax.oss.driver.api.core.type.codec.TypeCodecs;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import ssa.generator.EventFactory;
import ssa.generator.GeneratedEvent;
import ssa.generator.GeneratorSettings;
import ssa.store.RawDay;

/**
 * The ceiling: Cassandra alone taking the same raw rows as the job's {@code events_raw} (key, day,
 * hour, event_time, id, received_at, measures, attributes), made by the generator's own {@link
 * EventFactory}, through the Java driver: no Spark, no parsing, no rollups. Either one asynchronous
 * INSERT per row, or UNLOGGED batches of rows of one partition (key, day, hour), with a bounded
 * number of statements in flight; each partition's first batch is of a random size, so partitions
 * fill at staggered times and the sends flow evenly. A failed statement's rows do not count.
 */
final class RawIngestCeiling {
  private static final TypeCodec<Map<String, Double>> MEASURES =
      TypeCodecs.mapOf(TypeCodecs.TEXT, TypeCodecs.DOUBLE);
  private static final TypeCodec<Map<String, String>> ATTRIBUTES =
      TypeCodecs.mapOf(TypeCodecs.TEXT, TypeCodecs.TEXT);

  /** What one combination measured; rows/s counts only rows of statements that succeeded. */
  record Result(
      int keys,
      int rowsPerStatement,
      int inFlight,
      double rowsPerSecond,
      long statements,
      long failedStatements,
      long failedRows,
      String firstError) {
    boolean batched() {
      return rowsPerStatement > 1;
    }
  }

  private RawIngestCeiling() {}

  /**
   * Writes rows into {@code keyspace.table} (shaped as events_raw) for {@code warmup} then {@code
   * window}; rows/s over the window.
   *
   * @param rowsPerStatement 1 for single-row INSERTs, else rows of one partition per batch
   */
  static Result measure(
      CqlSession session,
      String keyspace,
      String table,
      GeneratorSettings generated,
      int rowsPerStatement,
      int inFlight,
      Duration warmup,
      Duration window)
      throws InterruptedException {
    PreparedStatement insert =
        session.prepare(
            "INSERT INTO "
                + keyspace
                + "."
                + table
                + " (key, day, hour, event_time, id, received_at,"
                + " measures, attributes) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    EventFactory events = new EventFactory(generated, System.currentTimeMillis());
    Semaphore permits = new Semaphore(inFlight);
    AtomicLong writtenRows = new AtomicLong();
    AtomicLong statements = new AtomicLong();
    AtomicLong failedStatements = new AtomicLong();
    AtomicLong failedRows = new AtomicLong();
    AtomicReference<String> firstError = new AtomicReference<>();
    AtomicLong atStart = new AtomicLong(-1);
    AtomicLong atEnd = new AtomicLong(-1);
    // Sampled on time by a timer, not by the writing loop, which may be waiting for a permit.
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    long began = System.nanoTime();
    timer.schedule(() -> atStart.set(writtenRows.get()), warmup.toNanos(), TimeUnit.NANOSECONDS);
    timer.schedule(
        () -> atEnd.set(writtenRows.get()), warmup.plus(window).toNanos(), TimeUnit.NANOSECONDS);
    long end = began + warmup.plus(window).toNanos();
    // Rows waiting for their partition's batch to fill; bound when the batch is sent.
    Map<String, PartitionRows<GeneratedEvent>> pending = new HashMap<>();
    // Keys take rows at the same pace, so equal batches would fill every partition at once and go
    // out in one burst per round; a first batch of random size spreads the sends over the round.
    Random firstBatchSizes = new Random(rowsPerStatement);
    try {
      for (long n = 0; System.nanoTime() < end; n++) {
        GeneratedEvent event = events.event(n);
        if (event.malformed()) {
          continue;
        }
        if (rowsPerStatement <= 1) {
          send(
              session,
              bind(insert, event),
              1,
              permits,
              writtenRows,
              statements,
              failedStatements,
              failedRows,
              firstError);
          continue;
        }
        Instant time = Instant.ofEpochMilli(event.timestampMillis());
        String partition = event.key() + '|' + RawDay.of(time) + '|' + RawDay.hourOf(time);
        PartitionRows<GeneratedEvent> waiting =
            pending.computeIfAbsent(
                partition,
                p ->
                    new PartitionRows<>(
                        1 + firstBatchSizes.nextInt(rowsPerStatement), rowsPerStatement));
        List<GeneratedEvent> rows = waiting.add(event);
        if (rows != null) {
          List<BatchableStatement<?>> bound = new ArrayList<>(rows.size());
          for (GeneratedEvent row : rows) {
            bound.add(bind(insert, row));
          }
          // The keyspace named on the batch, as the job does: else the driver scans its rows for
          // it.
          send(
              session,
              BatchStatement.newInstance(DefaultBatchType.UNLOGGED, bound).setKeyspace(keyspace),
              rows.size(),
              permits,
              writtenRows,
              statements,
              failedStatements,
              failedRows,
              firstError);
        }
      }
      // What is still in flight finishes (or fails) before the next combination starts.
      if (!permits.tryAcquire(inFlight, 60, TimeUnit.SECONDS)) {
        firstError.compareAndSet(null, "statements still in flight 60 s after the window");
      }
      while (atEnd.get() < 0) {
        Thread.sleep(10);
      }
    } finally {
      timer.shutdownNow();
    }
    double seconds = window.toNanos() / 1e9;
    return new Result(
        generated.keys(),
        Math.max(1, rowsPerStatement),
        inFlight,
        (atEnd.get() - atStart.get()) / seconds,
        statements.get(),
        failedStatements.get(),
        failedRows.get(),
        firstError.get());
  }

  /** One partition's rows waiting for its batch: the first batch to a given size, then full. */
  static final class PartitionRows<T> {
    private final int fullSize;
    private int size;
    private List<T> rows = new ArrayList<>();

    PartitionRows(int firstSize, int fullSize) {
      this.size = firstSize;
      this.fullSize = fullSize;
    }

    /** Adds a row; returns the batch's rows once it is full, else null. */
    List<T> add(T row) {
      rows.add(row);
      if (rows.size() < size) {
        return null;
      }
      List<T> full = rows;
      rows = new ArrayList<>(fullSize);
      size = fullSize;
      return full;
    }
  }

  private static BoundStatement bind(PreparedStatement insert, GeneratedEvent event) {
    Instant time = Instant.ofEpochMilli(event.timestampMillis());
    // Codecs named, as the job binds: finding a map's codec from its value costs reflection.
    return insert
        .boundStatementBuilder()
        .set(0, event.key(), TypeCodecs.TEXT)
        .set(1, RawDay.of(time), TypeCodecs.DATE)
        .set(2, RawDay.hourOf(time), TypeCodecs.TINYINT)
        .set(3, time, TypeCodecs.TIMESTAMP)
        .set(4, event.id(), TypeCodecs.TEXT)
        .set(5, Instant.now(), TypeCodecs.TIMESTAMP)
        .set(6, Map.of("latency_ms", event.latencyMs()), MEASURES)
        .set(
            7,
            Map.of("status", Integer.toString(event.status()), "client", event.client()),
            ATTRIBUTES)
        .build();
  }

  private static void send(
      CqlSession session,
      Statement<?> statement,
      int rows,
      Semaphore permits,
      AtomicLong writtenRows,
      AtomicLong statements,
      AtomicLong failedStatements,
      AtomicLong failedRows,
      AtomicReference<String> firstError)
      throws InterruptedException {
    permits.acquire();
    statements.incrementAndGet();
    try {
      session
          .executeAsync(statement)
          .whenComplete(
              (result, error) -> {
                permits.release();
                if (error == null) {
                  writtenRows.addAndGet(rows);
                } else {
                  failedStatements.incrementAndGet();
                  failedRows.addAndGet(rows);
                  firstError.compareAndSet(
                      null, error.getClass().getSimpleName() + ": " + error.getMessage());
                }
              });
    } catch (RuntimeException e) {
      permits.release();
      failedStatements.incrementAndGet();
      failedRows.addAndGet(rows);
      firstError.compareAndSet(null, e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }
}
