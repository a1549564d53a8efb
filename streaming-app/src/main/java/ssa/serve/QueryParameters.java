package ssa.serve;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import ssa.rollup.Grain;

/**
 * The query string of an API request, read and checked: each bad value is a {@link BadRequest}
 * naming the parameter and why.
 */
final class QueryParameters {
  /** The longest range a series or top-N query may cover. */
  static final Duration MAX_RANGE = Duration.ofDays(3 * 366);

  private final Map<String, String> values = new HashMap<>();

  QueryParameters(URI uri) {
    String query = uri.getRawQuery();
    if (query == null || query.isEmpty()) {
      return;
    }
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      if (values.put(name, value) != null) {
        throw new BadRequest("parameter '" + name + "' is given twice");
      }
    }
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new BadRequest("malformed query string: " + e.getMessage());
    }
  }

  String required(String name) {
    String value = values.get(name);
    if (value == null || value.isEmpty()) {
      throw new BadRequest("parameter '" + name + "' is required");
    }
    return value;
  }

  Optional<String> optional(String name) {
    return Optional.ofNullable(values.get(name)).filter(v -> !v.isEmpty());
  }

  Instant time(String name) {
    String text = required(name);
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new BadRequest(
          "parameter '"
              + name
              + "' must be a UTC time such as 2026-12-01T10:00:00Z, was '"
              + text
              + "'");
    }
  }

  int count(String name, int otherwise, int max) {
    Optional<String> text = optional(name);
    if (text.isEmpty()) {
      return otherwise;
    }
    try {
      int n = Integer.parseInt(text.get());
      if (n < 1 || n > max) {
        throw new BadRequest("parameter '" + name + "' must be from 1 to " + max + ", was " + n);
      }
      return n;
    } catch (NumberFormatException e) {
      throw new BadRequest(
          "parameter '" + name + "' must be a whole number, was '" + text.get() + "'");
    }
  }

  /** A range [from, to): from before to, at most {@link #MAX_RANGE}. */
  Instant[] range() {
    Instant from = time("from");
    Instant to = time("to");
    if (!from.isBefore(to)) {
      throw new BadRequest("'from' must be before 'to'");
    }
    if (Duration.between(from, to).compareTo(MAX_RANGE) > 0) {
      throw new BadRequest("the range may cover at most " + MAX_RANGE.toDays() + " days");
    }
    return new Instant[] {from, to};
  }

  /** The grain asked for, or the finest that shows the range in at most a few hundred buckets. */
  Grain grain(Instant from, Instant to) {
    Optional<String> text = optional("grain");
    if (text.isPresent()) {
      try {
        return Grain.byId(text.get());
      } catch (IllegalArgumentException e) {
        throw new BadRequest(
            "parameter 'grain' must be minute, hour, day, month or year, was '" + text.get() + "'");
      }
    }
    return grainFor(Duration.between(from, to));
  }

  static Grain grainFor(Duration range) {
    if (range.compareTo(Duration.ofHours(6)) <= 0) {
      return Grain.MINUTE;
    }
    if (range.compareTo(Duration.ofDays(14)) <= 0) {
      return Grain.HOUR;
    }
    if (range.compareTo(Duration.ofDays(366)) <= 0) {
      return Grain.DAY;
    }
    return Grain.MONTH;
  }

  ZoneId zone() {
    String text = optional("tz").orElse("UTC");
    try {
      return ZoneId.of(text);
    } catch (RuntimeException e) {
      throw new BadRequest(
          "parameter 'tz' must be a time zone such as Europe/Paris, was '" + text + "'");
    }
  }

  static String lower(String text) {
    return text.toLowerCase(Locale.ROOT);
  }
}
