package ssa.rollup;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Locale;

/**
 * The time buckets rollups are kept for, and all bucket arithmetic: which bucket an instant falls
 * in, and which storage period (the Cassandra partition slice) holds that bucket. Always UTC.
 *
 * <p>A bucket's rows are partitioned by the next coarser period so that no partition grows without
 * bound: a day of minutes, a month of hours, a year of days; months and years are few enough to
 * live in one partition per key.
 */
public enum Grain {
  MINUTE,
  HOUR,
  DAY,
  MONTH,
  YEAR;

  /** The period that holds every month and year bucket: their partition never needs splitting. */
  public static final Instant ALL_TIME = Instant.EPOCH;

  /** Start of the bucket of this grain that contains the instant. */
  public Instant bucketStart(Instant instant) {
    // Every event computes several of these: plain arithmetic on UTC days, no time-zone rules.
    return switch (this) {
      case MINUTE -> truncate(instant, 60);
      case HOUR -> truncate(instant, 3_600);
      case DAY -> truncate(instant, SECONDS_PER_DAY);
      case MONTH -> startOf(utcDate(instant).withDayOfMonth(1));
      case YEAR -> startOf(utcDate(instant).withDayOfYear(1));
    };
  }

  private static final long SECONDS_PER_DAY = 86_400;

  private static LocalDate utcDate(Instant instant) {
    return LocalDate.ofEpochDay(Math.floorDiv(instant.getEpochSecond(), SECONDS_PER_DAY));
  }

  private static Instant startOf(LocalDate day) {
    return Instant.ofEpochSecond(day.toEpochDay() * SECONDS_PER_DAY);
  }

  private static Instant truncate(Instant instant, long seconds) {
    return Instant.ofEpochSecond(Math.floorDiv(instant.getEpochSecond(), seconds) * seconds);
  }

  /** Start of the next bucket: the end (exclusive) of the bucket containing the instant. */
  public Instant bucketEnd(Instant instant) {
    ZonedDateTime start = bucketStart(instant).atZone(ZoneOffset.UTC);
    ZonedDateTime end =
        switch (this) {
          case MINUTE -> start.plusMinutes(1);
          case HOUR -> start.plusHours(1);
          case DAY -> start.plusDays(1);
          case MONTH -> start.plusMonths(1);
          case YEAR -> start.plusYears(1);
        };
    return end.toInstant();
  }

  /** Start of the bucket {@code n} buckets before the one containing the instant. */
  public Instant bucketsBefore(Instant instant, int n) {
    ZonedDateTime start = bucketStart(instant).atZone(ZoneOffset.UTC);
    ZonedDateTime before =
        switch (this) {
          case MINUTE -> start.minusMinutes(n);
          case HOUR -> start.minusHours(n);
          case DAY -> start.minusDays(n);
          case MONTH -> start.minusMonths(n);
          case YEAR -> start.minusYears(n);
        };
    return before.toInstant();
  }

  /** Start of the storage period (partition slice) holding the bucket that contains the instant. */
  public Instant periodStart(Instant instant) {
    return switch (this) {
      case MINUTE -> DAY.bucketStart(instant);
      case HOUR -> MONTH.bucketStart(instant);
      case DAY -> YEAR.bucketStart(instant);
      case MONTH, YEAR -> ALL_TIME;
    };
  }

  /**
   * End (exclusive) of the storage period holding the bucket that contains the instant; null for
   * {@link #ALL_TIME}, which never ends.
   */
  public Instant periodEnd(Instant instant) {
    return switch (this) {
      case MINUTE -> DAY.bucketEnd(instant);
      case HOUR -> MONTH.bucketEnd(instant);
      case DAY -> YEAR.bucketEnd(instant);
      case MONTH, YEAR -> null;
    };
  }

  /**
   * [from, until) cut where this grain's storage periods end: {from, until} pairs, one partition
   * each, in order.
   */
  public java.util.List<Instant[]> periodSlices(Instant from, Instant until) {
    java.util.List<Instant[]> slices = new java.util.ArrayList<>();
    Instant start = from;
    while (start.isBefore(until)) {
      Instant periodEnd = periodEnd(start);
      Instant end = periodEnd == null || periodEnd.isAfter(until) ? until : periodEnd;
      slices.add(new Instant[] {start, end});
      start = end;
    }
    return slices;
  }

  /** The length of this grain's longest bucket (a 31-day month, a leap year). */
  public Duration longestBucket() {
    return switch (this) {
      case MINUTE -> Duration.ofMinutes(1);
      case HOUR -> Duration.ofHours(1);
      case DAY -> Duration.ofDays(1);
      case MONTH -> Duration.ofDays(31);
      case YEAR -> Duration.ofDays(366);
    };
  }

  /** The grain whose buckets add up to this one's, or null for the finest. */
  public Grain finer() {
    return ordinal() == 0 ? null : values()[ordinal() - 1];
  }

  /** The name stored in the grain column. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Grain byId(String id) {
    return valueOf(id.toUpperCase(Locale.ROOT));
  }
}
