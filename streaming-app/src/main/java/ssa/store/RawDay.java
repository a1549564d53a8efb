package ssa.store;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** The day partition of events_raw and dead_letter: the UTC calendar day of an instant. */
public final class RawDay {
  public static LocalDate of(Instant instant) {
    return LocalDate.ofInstant(instant, ZoneOffset.UTC);
  }

  private RawDay() {}
}
