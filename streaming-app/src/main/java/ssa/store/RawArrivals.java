package ssa.store;

import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a batch wrote to events_raw, for the raw index: per UTC day the newest receiving time and
 * the oldest event time, and the (day, key) partitions. Summed per task, merged on the driver.
 */
public final class RawArrivals implements Serializable {
  /** A partition of events_raw. */
  public record DayKey(LocalDate day, String key) implements Serializable {}

  private final Map<LocalDate, Instant[]> days = new HashMap<>();
  private final Map<LocalDate, Set<String>> keysByDay = new HashMap<>();

  /**
   * The day the last event fell in, and its entries: a batch's events fall in one or two days, and
   * looking both up per event took 2% of the tasks' time.
   */
  private transient LocalDate lastDay;

  private transient Instant[] lastTimes;
  private transient Set<String> lastKeys;

  public void add(String key, Instant eventTime, Instant receivedAt) {
    LocalDate day = RawDay.of(eventTime);
    if (!day.equals(lastDay)) {
      lastDay = day;
      lastTimes = merge(day, receivedAt, eventTime);
      lastKeys = keysByDay.computeIfAbsent(day, d -> new HashSet<>());
    } else {
      merge(lastTimes, receivedAt, eventTime);
    }
    lastKeys.add(key);
  }

  public void addAll(RawArrivals other) {
    other.keysByDay.forEach(
        (day, keys) -> keysByDay.computeIfAbsent(day, d -> new HashSet<>()).addAll(keys));
    other.days.forEach((day, times) -> merge(day, times[0], times[1]));
  }

  private Instant[] merge(LocalDate day, Instant received, Instant event) {
    Instant[] times = days.computeIfAbsent(day, d -> new Instant[] {received, event});
    merge(times, received, event);
    return times;
  }

  private static void merge(Instant[] times, Instant received, Instant event) {
    if (received.isAfter(times[0])) {
      times[0] = received;
    }
    if (event.isBefore(times[1])) {
      times[1] = event;
    }
  }

  public List<RawIndex.Delivery> deliveries() {
    return days.entrySet().stream()
        .map(e -> new RawIndex.Delivery(e.getKey(), e.getValue()[0], e.getValue()[1]))
        .toList();
  }

  public Set<DayKey> dayKeys() {
    Set<DayKey> dayKeys = new HashSet<>();
    keysByDay.forEach((day, keys) -> keys.forEach(key -> dayKeys.add(new DayKey(day, key))));
    return dayKeys;
  }
}
