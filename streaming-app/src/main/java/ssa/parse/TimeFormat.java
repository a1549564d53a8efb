package ssa.parse;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;

/** How the event-time field carries its instant on the wire. */
public enum TimeFormat {
  EPOCH_MILLIS("epoch-millis", "epoch milliseconds", Set.of(FieldType.LONG)),
  EPOCH_SECONDS("epoch-seconds", "epoch seconds", Set.of(FieldType.LONG, FieldType.DOUBLE)),
  /**
   * With an offset or Z, e.g. 2016-05-27T02:00:02Z; a time without one is ambiguous, so refused.
   */
  ISO_8601(
      "iso-8601", "ISO-8601 with an offset, e.g. 2016-05-27T02:00:02Z", Set.of(FieldType.STRING));

  private final String configName;
  private final String description;
  private final Set<FieldType> fieldTypes;

  TimeFormat(String configName, String description, Set<FieldType> fieldTypes) {
    this.configName = configName;
    this.description = description;
    this.fieldTypes = fieldTypes;
  }

  public String configName() {
    return configName;
  }

  /** What a line's time must look like, for reasons and config errors. */
  public String description() {
    return description;
  }

  /** The field types that can carry this format. */
  public Set<FieldType> fieldTypes() {
    return fieldTypes;
  }

  public static String[] configNames() {
    return Arrays.stream(values()).map(TimeFormat::configName).toArray(String[]::new);
  }

  public static TimeFormat byConfigName(String name) {
    for (TimeFormat format : values()) {
      if (format.configName.equals(name.toLowerCase(Locale.ROOT))) {
        return format;
      }
    }
    return null;
  }

  /** The epoch milliseconds of a field value read with its declared type; null if none fit. */
  public Long millis(Object value) {
    try {
      return switch (this) {
        case EPOCH_MILLIS -> ((Number) value).longValue();
        case EPOCH_SECONDS ->
            value instanceof Double seconds
                ? secondsToMillis(seconds)
                : (Long) Math.multiplyExact(((Number) value).longValue(), 1000L);
        case ISO_8601 ->
            OffsetDateTime.parse((String) value, DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                .toInstant()
                .toEpochMilli();
      };
    } catch (ArithmeticException | DateTimeParseException | ClassCastException e) {
      return null;
    }
  }

  private static Long secondsToMillis(double seconds) {
    double millis = seconds * 1000;
    return Double.isFinite(millis) && Math.abs(millis) < Long.MAX_VALUE ? Math.round(millis) : null;
  }

  /** A stored event time as the field's value again, as {@link #millis} would read it. */
  public Object fieldValue(Instant time, FieldType type) {
    return switch (this) {
      case EPOCH_MILLIS -> time.toEpochMilli();
      case EPOCH_SECONDS ->
          type == FieldType.DOUBLE ? time.toEpochMilli() / 1000.0 : time.getEpochSecond();
      case ISO_8601 -> time.toString();
    };
  }
}
