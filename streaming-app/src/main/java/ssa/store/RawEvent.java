package ssa.store;

import java.time.Instant;
import java.util.Map;
import org.apache.spark.sql.Row;
import ssa.parse.ParsedRow;

/** A valid event as events_raw stores it. */
public record RawEvent(
    String key,
    Instant eventTime,
    String id,
    Instant receivedAt,
    Map<String, Double> measures,
    Map<String, String> attributes) {

  /** The event of a parsed row that holds one. */
  public static RawEvent of(ParsedRow parsed, Row row) {
    return new RawEvent(
        parsed.key(row),
        parsed.eventTime(row),
        parsed.id(row),
        parsed.receivedAt(row),
        parsed.measures(row),
        parsed.attributes(row));
  }
}
