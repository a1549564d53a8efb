package ssa.parse;

/** Placeholder until the limits land: see the parse-limits branch. */
public final class EventLimits {
  private static final int MAX_STORED_LINE_CHARS = 65_536;

  public static String storable(String line) {
    return line.length() <= MAX_STORED_LINE_CHARS ? line : line.substring(0, MAX_STORED_LINE_CHARS) + "...[cut]";
  }

  private EventLimits() {}
}
