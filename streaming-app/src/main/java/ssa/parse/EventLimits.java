package ssa.parse;

import java.time.Instant;

/**
 * What a line must keep within so that nothing written from it can fail. A write that fails fails
 * its whole micro-batch, and the replayed batch holds the same line, so one such line would stop
 * the job for good: each limit is checked in the parse stage instead, where breaking it only sends
 * the line to dead_letter.
 *
 * <p>The number of members of a JSON object has no limit of its own: only the configured fields are
 * kept, so extra members never reach Cassandra, and {@link #MAX_LINE_BYTES} bounds what they cost
 * the parser: at worst some 120,000 members, about 11 MB of tree dropped after the line. Jackson
 * 2.15, the version Spark 3.5 runs the job with, cannot count them while it parses (its token count
 * limit came in 2.18), and a second pass to count them would slow down every line to guard against
 * one the job survives anyway.
 */
public final class EventLimits {
  /**
   * Ours, not Cassandra's, which refuses a mutation over half a commit log segment (16 MiB by
   * default): an accepted line's row stays far below that, and the parser's memory per line stays
   * small.
   */
  public static final int MAX_LINE_BYTES = 1 << 20;

  /**
   * Cassandra refuses a partition key over 65,535 bytes, and the key shares it with a day
   * (events_raw) or with a grain and a period (rollups), each with a few bytes of framing; the
   * margin covers them all.
   */
  public static final int MAX_KEY_BYTES = 65_000;

  /** A clustering column of events_raw: Cassandra takes at most 65,535 bytes per component. */
  public static final int MAX_ID_BYTES = 65_000;

  /**
   * Spark's timestamp range, 0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999Z: outside it the
   * conversion to Spark's microseconds overflows or the bucket arithmetic leaves the calendar.
   */
  public static final long MIN_EVENT_MILLIS = Instant.parse("0001-01-01T00:00:00Z").toEpochMilli();

  public static final long MAX_EVENT_MILLIS =
      Instant.parse("9999-12-31T23:59:59.999Z").toEpochMilli();

  /**
   * Only the top level of a JSON line holds fields; deeper nesting is never stored, and Jackson
   * stops at this depth before building anything more.
   */
  public static final int MAX_JSON_DEPTH = 64;

  /**
   * A rejected line is kept in dead_letter for a person to read; 64 Ki characters (at most 192 KiB)
   * show what it was while keeping the write far below Cassandra's 16 MiB mutation limit.
   */
  static final int MAX_STORED_LINE_CHARS = 64 * 1024;

  /**
   * Why text is more than maxBytes in UTF-8, or null when it is not. Counts bytes only when the
   * characters could take more, so a normal line costs one length check.
   */
  static String tooLong(String what, String text, int maxBytes) {
    // No UTF-16 char takes more than 3 bytes in UTF-8 (a surrogate pair takes 4 for 2 chars).
    if ((long) text.length() * 3 <= maxBytes) {
      return null;
    }
    long bytes = utf8Length(text);
    return bytes <= maxBytes
        ? null
        : what + " is " + bytes + " bytes, more than the " + maxBytes + " allowed";
  }

  /**
   * Why the values of a rollup's group-by fields make a key Cassandra would refuse, or null: joined
   * with one separator between them, each separator or backslash in a value escaped.
   */
  static String rollupKeyTooLong(
      java.util.List<String> fields, java.util.Map<String, Object> values) {
    if (fields.size() == 1 && values.get(fields.get(0)) == null) {
      return null;
    }
    long bytes = Math.max(0, fields.size() - 1);
    for (String field : fields) {
      Object value = values.get(field);
      if (value != null) {
        String text = value.toString();
        bytes += utf8Length(text);
        for (int c = 0; c < text.length(); c++) {
          char ch = text.charAt(c);
          bytes += ch == '|' || ch == '\\' ? 1 : 0;
        }
      }
    }
    return bytes <= MAX_KEY_BYTES
        ? null
        : "fields "
            + fields
            + " make a rollup key of "
            + bytes
            + " bytes, more than the "
            + MAX_KEY_BYTES
            + " allowed";
  }

  /** Why the time field's value cannot be an event time, or null when it can. */
  static String outsideEventTimes(String field, long millis) {
    if (millis >= MIN_EVENT_MILLIS && millis <= MAX_EVENT_MILLIS) {
      return null;
    }
    return "field '"
        + field
        + "' is "
        + millis
        + ", outside the event times Spark supports ("
        + MIN_EVENT_MILLIS
        + " to "
        + MAX_EVENT_MILLIS
        + " epoch millis, 0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999Z)";
  }

  /**
   * Where text holds a UTF-16 surrogate without its pair, or -1. Such text is not Unicode: the
   * driver would write it as '?', so two different keys could become one.
   */
  static int loneSurrogate(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return i;
      }
    }
    return -1;
  }

  /** The line as dead_letter can store it: whole when short, else its start and how long it was. */
  public static String storable(String line) {
    if (line.length() <= MAX_STORED_LINE_CHARS) {
      return line;
    }
    return start(line, MAX_STORED_LINE_CHARS) + "...[cut, " + utf8Length(line) + " bytes in all]";
  }

  /** At most maxChars of text's start, never half a surrogate pair: that would not be Unicode. */
  static String start(String text, int maxChars) {
    if (text.length() <= maxChars) {
      return text;
    }
    int end = Character.isHighSurrogate(text.charAt(maxChars - 1)) ? maxChars - 1 : maxChars;
    return text.substring(0, end);
  }

  /** The UTF-8 length without encoding; a lone surrogate counts 3, the most a char takes. */
  static long utf8Length(String text) {
    long bytes = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        bytes++;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        bytes += 4;
        i++;
      } else {
        bytes += 3;
      }
    }
    return bytes;
  }

  private EventLimits() {}
}
