package ssa.incremental;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import ssa.rollup.Grain;
import ssa.store.RawIndex.DayArrival;

/**
 * Which parts of events_raw a run reads, by day partition:
 *
 * <ul>
 *   <li>without a committed state, every day;
 *   <li>after one, each day from the start of the last processed period on (or that many periods
 *       earlier, with a look-back: the WindowOffset of scheduled summarizations), and each day that
 *       received events since the last run, from the period of the oldest of those events (late
 *       events included), or whole when the index cannot tell;
 *   <li>for a backfill, the days of the range, cut to the range widened to whole periods.
 * </ul>
 *
 * @param windowStart start of the last processed period (less the look-back), or null when there
 *     was none
 */
public record IncrementalPlan(List<DayRead> reads, Instant windowStart) {

  /** The events of one day partition with event time in [from, until). */
  public record DayRead(LocalDate day, Instant from, Instant until) {}

  /** The oldest event time among a day's events received after a given time, if known. */
  @FunctionalInterface
  public interface NewArrivals {
    Optional<Instant> earliestEvent(LocalDate day, Instant receivedAfter);
  }

  public static IncrementalPlan of(
      Optional<IncrementalState> state,
      Grain period,
      int lookBack,
      List<DayArrival> days,
      NewArrivals newArrivals,
      Optional<Instant> from,
      Optional<Instant> to) {
    List<DayRead> reads = new ArrayList<>();
    if (from.isPresent() || to.isPresent()) {
      Instant lower = from.map(period::bucketStart).orElse(Instant.MIN);
      Instant upper = to.map(t -> alignUp(period, t)).orElse(Instant.MAX);
      for (DayArrival arrival : days) {
        DayRead whole = whole(arrival.day());
        Instant start = later(whole.from(), lower);
        Instant end = earlier(whole.until(), upper);
        if (start.isBefore(end)) {
          reads.add(new DayRead(arrival.day(), start, end));
        }
      }
      return new IncrementalPlan(reads, null);
    }
    if (state.isEmpty()) {
      days.forEach(arrival -> reads.add(whole(arrival.day())));
      return new IncrementalPlan(reads, null);
    }
    Instant receivedUntil = state.get().receivedUntil();
    Instant window =
        state.get().lastPeriodStart() == null
            ? null
            : period.bucketsBefore(state.get().lastPeriodStart(), lookBack);
    for (DayArrival arrival : days) {
      DayRead whole = whole(arrival.day());
      // The day's end stands for "nothing to read"; each reason to read moves the start earlier.
      Instant start =
          window != null && whole.until().isAfter(window)
              ? later(whole.from(), window)
              : whole.until();
      boolean arrivedSince =
          receivedUntil == null
              || arrival.lastReceived() == null
              || arrival.lastReceived().isAfter(receivedUntil);
      if (arrivedSince) {
        start = earlier(start, newEventsStart(whole, receivedUntil, period, newArrivals));
      }
      if (start.isBefore(whole.until())) {
        reads.add(new DayRead(arrival.day(), start, whole.until()));
      }
    }
    return new IncrementalPlan(reads, window);
  }

  /** Where a day's events received after {@code receivedUntil} start: their oldest one's period. */
  private static Instant newEventsStart(
      DayRead whole, Instant receivedUntil, Grain period, NewArrivals newArrivals) {
    if (receivedUntil == null) {
      return whole.from();
    }
    return newArrivals
        .earliestEvent(whole.day(), receivedUntil)
        .map(t -> later(whole.from(), period.bucketStart(t)))
        .orElse(whole.from());
  }

  public List<LocalDate> days() {
    return reads.stream().map(DayRead::day).toList();
  }

  private static DayRead whole(LocalDate day) {
    return new DayRead(
        day,
        day.atStartOfDay(ZoneOffset.UTC).toInstant(),
        day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
  }

  /** The end of the period containing the instant just before {@code t}: t widened to a period. */
  private static Instant alignUp(Grain period, Instant t) {
    Instant start = period.bucketStart(t);
    return start.equals(t) ? t : period.bucketEnd(t);
  }

  private static Instant later(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private static Instant earlier(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }
}
