package ssa.publish;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ssa.rollup.Alert;

/** A firing as the webhook and the Kafka topic get it: one JSON object, its id first. */
final class AlertJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  static String of(Alert alert) {
    ObjectNode out = JSON.createObjectNode();
    out.put("id", alert.id());
    out.put("rule", alert.rule());
    out.put("rollup", alert.row().rollup());
    out.put("grain", alert.row().grain().id());
    out.put("key", alert.row().key());
    out.put("bucket", alert.row().bucket().toString());
    out.put("condition", alert.condition());
    out.put("value", alert.value());
    out.put("batch", alert.batch());
    return out.toString();
  }

  private AlertJson() {}
}
