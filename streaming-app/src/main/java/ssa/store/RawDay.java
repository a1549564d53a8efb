package ssa.store;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The partition of events_raw (with the key) and of dead_letter: the UTC day and hour of an
 * instant. A partition thus holds one hour: at most 3,600 x the events per second of its key
 * (events_raw) or of all rejects (dead_letter).
 */
public final class RawDay {
  public static LocalDate of(Instant instant) {
    return LocalDate.ofInstant(instant, ZoneOffset.UTC);
  }

  /** The UTC hour of the day, 0 to 23. */
  public static byte hourOf(Instant instant) {
    return (byte) instant.atOffset(ZoneOffset.UTC).getHour();
  }

  private RawDay() {}
}
