package ssa.parse;

import java.time.Instant;
import java.util.Map;

/**
 * What a line turned into: either an event (values by field name, plus the resolved id, key and
 * time) or the reason it was rejected.
 */
public record ParsedEvent(
    Map<String, Object> values, String id, String key, Instant eventTime, String error) {

  public static ParsedEvent rejected(String reason) {
    return new ParsedEvent(Map.of(), null, null, null, reason);
  }

  public boolean valid() {
    return error == null;
  }
}
