package ssa.store;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlIdentifier;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.internal.core.DefaultProtocolFeature;
import com.datastax.oss.driver.internal.core.context.InternalDriverContext;
import com.datastax.spark.connector.cql.CassandraConnector;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import ssa.config.CassandraSettings;

/**
 * Writes raw events and dead letters from the task that parsed them, the fastest way one node takes
 * them: rows grouped by partition into unlogged batches (one mutation each on the replica), through
 * the connector's shared session of the executor. What is bounded is rows in flight ({@code
 * concurrent-writes} x {@code batch-rows}), not batches: with many keys most batches are small, and
 * a bound in batches would leave the node idle.
 */
public final class CassandraEventWriters implements EventWriters {
  /**
   * Bytes of one grouped batch at most: a mutation over half a commit-log segment (16 MB) fails.
   */
  private static final long MAX_BATCH_BYTES = 4L << 20;

  /**
   * Rows a task holds in its groups before it sends them all (about 300 bytes each). With thousands
   * of keys a group fills slowly; sending every group whenever a few hundred rows wait made batches
   * of one or two rows (measured: 5,000 keys ran at a quarter of the 50-key rate). At 50,000 rows a
   * 5,000-key task still sent batches of about ten rows (bench run 5), where the ceiling's best
   * shapes group 50 rows or more. From 100,000 to 250,000 rows, a 5,000-key task's raw rows cost
   * the node 13-15 us of CPU each instead of 15-20 (same rate, same machine); held encoded ({@link
   * EncodedRows}, about 200 bytes a row), some 50 MB a task.
   */
  private static final int MAX_BUFFERED_ROWS = 250_000;

  /**
   * Requests in flight per task, whatever their size: with small batches a bound in rows alone let
   * two tasks put 2,000 requests on the executor's one connection, over the driver's 1,024 per
   * connection, and the batch failed ("No connection was available", 5,000 keys, bench run 2).
   */
  private static final int MAX_REQUESTS_IN_FLIGHT = 128;

  /**
   * Rows handed to the task's sender thread and not yet sent, at most: enough that the task goes on
   * parsing while the sender feeds the driver. When the task itself waited for the driver's
   * in-flight bound, the task and the node took turns instead of working at once (5,000 keys: the
   * tasks spent 30% of their time blocked while the node had a core idle). So a task holds at most
   * 300,000 rows.
   */
  private static final int MAX_QUEUED_ROWS = 50_000;

  private final CassandraConnector connector;
  private final String keyspace;
  private final int batchRows;
  private final int rowsInFlight;
  private final String consistency;

  public CassandraEventWriters(CassandraConnector connector, CassandraSettings settings) {
    this.connector = connector;
    this.keyspace = settings.keyspace();
    this.batchRows = settings.batchRows();
    this.rowsInFlight = settings.concurrentWrites() * settings.batchRows();
    this.consistency = settings.consistencyLevel();
  }

  @Override
  public EventWriter open() {
    return new Writer(connector.openSession());
  }

  private final class Writer implements EventWriter {
    private final CqlSession session;
    private final PreparedStatement insertRaw;
    private final PreparedStatement insertDeadLetter;

    /** Set on each batch, where the protocol allows it: else the driver looks it up row by row. */
    private final CqlIdentifier batchKeyspace;

    private final ConsistencyLevel level = DefaultConsistencyLevel.valueOf(consistency);
    private final Semaphore inFlight = new Semaphore(rowsInFlight);
    private final Semaphore requests = new Semaphore(MAX_REQUESTS_IN_FLIGHT);
    private final Semaphore queued = new Semaphore(MAX_QUEUED_ROWS);
    private final ExecutorService sender =
        Executors.newSingleThreadExecutor(
            task -> {
              Thread thread = new Thread(task, "ssa-raw-writer");
              thread.setDaemon(true);
              return thread;
            });

    /** Rows waiting in groups: all groups go out when this reaches {@link #MAX_BUFFERED_ROWS}. */
    private int buffered;

    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final Map<Object, EncodedRows> groups = new HashMap<>();

    Writer(CqlSession session) {
      this.session = session;
      insertRaw =
          session.prepare(
              "INSERT INTO "
                  + keyspace
                  + "."
                  + Tables.EVENTS_RAW
                  + " (key, day, hour, event_time, id,"
                  + " received_at, measures, attributes) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
      insertDeadLetter =
          session.prepare(
              "INSERT INTO "
                  + keyspace
                  + "."
                  + Tables.DEAD_LETTER
                  + " (day, hour, received_at, position, line, reason) VALUES (?, ?, ?, ?, ?, ?)");
      batchKeyspace = perRequestKeyspace(session) ? CqlIdentifier.fromCql(keyspace) : null;
    }

    private static boolean perRequestKeyspace(CqlSession session) {
      InternalDriverContext context = (InternalDriverContext) session.getContext();
      return context
          .getProtocolVersionRegistry()
          .supports(context.getProtocolVersion(), DefaultProtocolFeature.PER_REQUEST_KEYSPACE);
    }

    @Override
    public void raw(RawEvent event) {
      LocalDate day = RawDay.of(event.eventTime());
      byte hour = RawDay.hourOf(event.eventTime());
      Object partition = new RawPartition(event.key(), day, hour);
      EncodedRows group = group(partition, insertRaw);
      group
          .text(event.key())
          .date(day)
          .tinyint(hour)
          .timestamp(event.eventTime())
          .text(event.id())
          .timestamp(event.receivedAt())
          .textToDouble(event.measures())
          .textToText(event.attributes())
          .endRow();
      added(partition, group);
    }

    @Override
    public void deadLetter(DeadLetter line) {
      LocalDate day = RawDay.of(line.receivedAt());
      byte hour = RawDay.hourOf(line.receivedAt());
      Object partition = new DeadLetterPartition(day, hour);
      EncodedRows group = group(partition, insertDeadLetter);
      group
          .date(day)
          .tinyint(hour)
          .timestamp(line.receivedAt())
          .bigint(line.position())
          .text(line.line())
          .text(line.reason())
          .endRow();
      added(partition, group);
    }

    /** The rows of one partition waiting to be sent as one batch. */
    private EncodedRows group(Object partition, PreparedStatement statement) {
      return groups.computeIfAbsent(partition, p -> new EncodedRows(statement));
    }

    /** After a row was added to the partition's group: sends what is due. */
    private void added(Object partition, EncodedRows group) {
      buffered++;
      if (group.rows() >= batchRows || group.bytes() >= MAX_BATCH_BYTES) {
        send(groups.remove(partition));
      } else if (buffered >= MAX_BUFFERED_ROWS) {
        // Bounds the memory the groups hold.
        sendAllGroups();
      }
    }

    private void sendAllGroups() {
      groups.values().forEach(this::send);
      groups.clear();
    }

    /** Queues a group for the sender thread; waits only while a whole flush is still queued. */
    private void send(EncodedRows group) {
      rethrowFailure();
      buffered -= group.rows();
      int rows = Math.min(group.rows(), MAX_QUEUED_ROWS);
      queued.acquireUninterruptibly(rows);
      sender.execute(
          () -> {
            try {
              execute(group);
            } catch (RuntimeException e) {
              failure.compareAndSet(null, e);
            } finally {
              queued.release(rows);
            }
          });
    }

    /** On the sender thread: hands one group to the driver within the in-flight bounds. */
    private void execute(EncodedRows group) {
      if (failure.get() != null) {
        return;
      }
      int permits = Math.min(group.rows(), rowsInFlight);
      inFlight.acquireUninterruptibly(permits);
      requests.acquireUninterruptibly();
      // Idempotent (rows of fixed values): retried on another replica if its node goes down.
      BatchStatement batch =
          BatchStatement.newInstance(BatchType.UNLOGGED, group.bind())
              .setConsistencyLevel(level)
              .setIdempotent(true);
      if (batchKeyspace != null) {
        batch = batch.setKeyspace(batchKeyspace);
      }
      session
          .executeAsync(batch)
          .whenComplete(
              (result, error) -> {
                if (error != null) {
                  failure.compareAndSet(null, error);
                }
                requests.release();
                inFlight.release(permits);
              });
    }

    @Override
    public void close() {
      try {
        sendAllGroups();
        queued.acquireUninterruptibly(MAX_QUEUED_ROWS);
        inFlight.acquireUninterruptibly(rowsInFlight);
        inFlight.release(rowsInFlight);
        rethrowFailure();
      } finally {
        sender.shutdownNow();
        session.close();
      }
    }

    private void rethrowFailure() {
      Throwable error = failure.get();
      if (error != null) {
        throw new IllegalStateException("a write to " + keyspace + " failed: " + error, error);
      }
    }
  }

  private record RawPartition(String key, LocalDate day, byte hour) {}

  private record DeadLetterPartition(LocalDate day, byte hour) {}
}
