package ssa.source;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/** Lines a source has that the query has not read yet, from the offsets Spark reports. */
public final class SourceBacklog {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * @param end the offset the newest batch read up to
   * @param latest what the source had when that batch was planned
   * @return the lines between them, or -1 when the offsets are neither ssa-tcp's nor Kafka's
   */
  public static long lines(String end, String latest) {
    if (end == null || latest == null) {
      return -1;
    }
    try {
      return Math.max(0, SeqOffset.parse(latest).seq - SeqOffset.parse(end).seq);
    } catch (IllegalArgumentException notSsaTcp) {
      long available = kafkaOffsets(latest);
      long read = kafkaOffsets(end);
      return available < 0 || read < 0 ? -1 : Math.max(0, available - read);
    }
  }

  /** The sum of a Kafka source offset's {"topic":{"partition":offset}}, or -1. */
  private static long kafkaOffsets(String json) {
    try {
      JsonNode topics = JSON.readTree(json);
      if (!topics.isObject() || topics.isEmpty()) {
        return -1;
      }
      long sum = 0;
      for (JsonNode partitions : topics) {
        if (!partitions.isObject()) {
          return -1;
        }
        for (JsonNode offset : partitions) {
          if (!offset.canConvertToLong()) {
            return -1;
          }
          sum += offset.asLong();
        }
      }
      return sum;
    } catch (IOException e) {
      return -1;
    }
  }

  private SourceBacklog() {}
}
