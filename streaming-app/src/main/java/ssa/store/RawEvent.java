package ssa.store;

import java.time.Instant;
import java.util.Map;

/** A valid event as events_raw stores it. */
public record RawEvent(
    String key, Instant eventTime, String id, Instant receivedAt, Map<String, Double> measures,
    Map<String, String> attributes) {}
