package ssa.sink;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Which days and keys events_raw holds (tables raw_days and raw_day_keys), so that a batch run
 * reads the partitions it needs instead of scanning the table.
 */
public final class RawIndex {
  /** raw_days keeps every day in this one partition. */
  private static final int SHARD = 0;

  /** A day that has raw events, and the newest receiving time of its events. */
  public record DayArrival(LocalDate day, Instant lastReceived) implements Serializable {}

  private final CqlSession session;
  private final PreparedStatement writeDay;
  private final PreparedStatement readDays;
  private final PreparedStatement readKeys;

  public RawIndex(CqlSession session, String keyspace) {
    this.session = session;
    String days = keyspace + "." + Tables.RAW_DAYS;
    this.writeDay =
        session.prepare(
            "INSERT INTO " + days + " (shard, day, last_received) VALUES (?, ?, ?) USING TIMESTAMP ?");
    this.readDays = session.prepare("SELECT day, last_received FROM " + days + " WHERE shard = ?");
    this.readKeys =
        session.prepare(
            "SELECT key FROM " + keyspace + "." + Tables.RAW_DAY_KEYS + " WHERE day = ?");
  }

  /**
   * Records that events received at {@code lastReceived} were written for each day. The write
   * carries the receiving time as its timestamp, so the newest arrival wins even when an older
   * batch is written again later.
   */
  public void recordDays(List<DayArrival> arrivals) {
    List<CompletableFuture<?>> writes = new ArrayList<>();
    for (DayArrival arrival : arrivals) {
      long micros = ChronoUnit.MICROS.between(Instant.EPOCH, arrival.lastReceived());
      writes.add(
          session
              .executeAsync(writeDay.bind(SHARD, arrival.day(), arrival.lastReceived(), micros))
              .toCompletableFuture());
    }
    CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).join();
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
