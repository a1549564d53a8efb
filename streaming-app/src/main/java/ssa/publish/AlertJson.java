package ssa.publish;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import ssa.rollup.Alert;

/** A firing as the webhook and the Kafka topic get it: one JSON object, its id first. */
final class AlertJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  static String of(Alert alert) {
    try {
      return JSON.writeValueAsString(alert.fields());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("an alert's fields are plain values", e);
    }
  }

  private AlertJson() {}
}
