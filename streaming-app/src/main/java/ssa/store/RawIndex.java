package ssa.store;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Which days and keys events_raw holds, and when events arrived for each day (tables raw_days,
 * raw_day_keys and raw_arrivals), so that a batch run reads the partitions it needs, from the time
 * it needs, instead of scanning the table.
 */
public final class RawIndex {
  /** raw_days keeps every day in this one partition. */
  private static final int SHARD = 0;

  private static final int RECORDED_DAY_KEYS = 100_000;
  private static final int IN_FLIGHT = 256;

  /** A day that has raw events, and the newest receiving time of its events. */
  public record DayArrival(LocalDate day, Instant lastReceived) implements Serializable {}

  /** Events one batch wrote for a day: their newest receiving time and oldest event time. */
  public record Delivery(LocalDate day, Instant received, Instant earliestEvent)
      implements Serializable {}

  private final CqlSession session;
  private final PreparedStatement writeDay;
  private final PreparedStatement writeArrival;
  private final PreparedStatement readDays;
  private final PreparedStatement readKeys;
  private final PreparedStatement readEarliestSince;
  private final PreparedStatement writeDayKey;

  /** Partitions already recorded by this process: raw_day_keys only ever grows. */
  private final java.util.Set<RawArrivals.DayKey> recordedDayKeys =
      java.util.Collections.newSetFromMap(
          new java.util.LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(
                java.util.Map.Entry<RawArrivals.DayKey, Boolean> eldest) {
              return size() > RECORDED_DAY_KEYS;
            }
          });

  public RawIndex(CqlSession session, String keyspace) {
    this.session = session;
    String days = keyspace + "." + Tables.RAW_DAYS;
    this.writeDay =
        session.prepare(
            "INSERT INTO "
                + days
                + " (shard, day, last_received) VALUES (?, ?, ?) USING TIMESTAMP ?");
    String arrivals = keyspace + "." + Tables.RAW_ARRIVALS;
    this.writeArrival =
        session.prepare(
            "INSERT INTO " + arrivals + " (day, received, earliest_event) VALUES (?, ?, ?)");
    this.readDays = session.prepare("SELECT day, last_received FROM " + days + " WHERE shard = ?");
    this.readEarliestSince =
        session.prepare(
            "SELECT min(earliest_event) FROM " + arrivals + " WHERE day = ? AND received > ?");
    this.writeDayKey =
        session.prepare(
            "INSERT INTO " + keyspace + "." + Tables.RAW_DAY_KEYS + " (day, key) VALUES (?, ?)");
    this.readKeys =
        session.prepare(
            "SELECT key FROM " + keyspace + "." + Tables.RAW_DAY_KEYS + " WHERE day = ?");
  }

  /** Records what a batch wrote to events_raw: its partitions, then its days. */
  public void record(RawArrivals arrivals) {
    java.util.concurrent.Semaphore inFlight = new java.util.concurrent.Semaphore(IN_FLIGHT);
    List<CompletableFuture<?>> writes = new ArrayList<>();
    List<RawArrivals.DayKey> recorded = new ArrayList<>();
    for (RawArrivals.DayKey dayKey : arrivals.dayKeys()) {
      if (recordedDayKeys.contains(dayKey)) {
        continue;
      }
      inFlight.acquireUninterruptibly();
      recorded.add(dayKey);
      writes.add(
          session
              .executeAsync(writeDayKey.bind(dayKey.day(), dayKey.key()))
              .toCompletableFuture()
              .whenComplete((result, error) -> inFlight.release()));
    }
    CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).join();
    recordedDayKeys.addAll(recorded);
    recordDeliveries(arrivals.deliveries());
  }

  /**
   * Records, for each day, that a batch wrote events for it. The raw_days write carries the
   * receiving time as its timestamp, so the newest arrival wins even when an older batch is written
   * again later; the raw_arrivals row of a batch is the same each time it is written.
   */
  public void recordDeliveries(List<Delivery> deliveries) {
    List<CompletableFuture<?>> writes = new ArrayList<>();
    for (Delivery delivery : deliveries) {
      long micros = ChronoUnit.MICROS.between(Instant.EPOCH, delivery.received());
      writes.add(
          session
              .executeAsync(writeDay.bind(SHARD, delivery.day(), delivery.received(), micros))
              .toCompletableFuture());
      writes.add(
          session
              .executeAsync(
                  writeArrival.bind(delivery.day(), delivery.received(), delivery.earliestEvent()))
              .toCompletableFuture());
    }
    CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).join();
  }

  /**
   * The oldest event time among the events of a day received after {@code receivedAfter}; empty
   * when raw_arrivals has no such batch.
   */
  public Optional<Instant> earliestEventSince(LocalDate day, Instant receivedAfter) {
    Row row = session.execute(readEarliestSince.bind(day, receivedAfter)).one();
    return row == null || row.isNull(0) ? Optional.empty() : Optional.of(row.getInstant(0));
  }

  /** Every day with raw events, oldest first. */
  public List<DayArrival> days() {
    List<DayArrival> days = new ArrayList<>();
    for (Row row : session.execute(readDays.bind(SHARD))) {
      days.add(new DayArrival(row.getLocalDate("day"), row.getInstant("last_received")));
    }
    return days;
  }

  /** The keys with raw events on a day. */
  public List<String> keys(LocalDate day) {
    List<String> keys = new ArrayList<>();
    for (Row row : session.execute(readKeys.bind(day))) {
      keys.add(row.getString("key"));
    }
    return keys;
  }
}
