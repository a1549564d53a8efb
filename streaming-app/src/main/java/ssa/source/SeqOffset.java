package ssa.source;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.connector.read.streaming.Offset;

/**
 * A position in the generator's sequence, with the time the source saw it become available. That
 * time is the receiving time of the lines before it, so a replayed batch stamps them the same.
 */
final class SeqOffset extends Offset {
  private static final Pattern JSON = Pattern.compile("\\{\"seq\":(\\d+),\"at\":(-?\\d+)}");

  final long seq;
  final long atMillis;

  SeqOffset(long seq, long atMillis) {
    this.seq = seq;
    this.atMillis = atMillis;
  }

  @Override
  public String json() {
    return "{\"seq\":" + seq + ",\"at\":" + atMillis + "}";
  }

  static SeqOffset parse(String json) {
    Matcher m = JSON.matcher(json.replace(" ", ""));
    if (!m.matches()) {
      throw new IllegalArgumentException("not an ssa-tcp offset: " + json);
    }
    return new SeqOffset(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)));
  }
}
