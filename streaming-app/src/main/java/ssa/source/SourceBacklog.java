package ssa.source;

/** Lines a source has that the query has not read yet, from the offsets Spark reports. */
public final class SourceBacklog {
  /**
   * @param end the offset the newest batch read up to
   * @param latest what the source had when that batch was planned
   * @return the lines between them, or -1 when either is not an ssa-tcp offset
   */
  public static long lines(String end, String latest) {
    if (end == null || latest == null) {
      return -1;
    }
    try {
      return Math.max(0, SeqOffset.parse(latest).seq - SeqOffset.parse(end).seq);
    } catch (IllegalArgumentException e) {
      return -1;
    }
  }

  private SourceBacklog() {}
}
