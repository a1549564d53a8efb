package ssa.rollup;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One firing of an alert rule: the row that met it and the figure it had. There is at most one per
 * (rule, row): the store records the first and refuses the rest, so a replayed batch fires nothing
 * twice.
 *
 * @param batch the batch that fired it
 */
public record Alert(String rule, RollupKey row, String condition, double value, String batch) {

  /** Stable across replays and restarts, so a webhook receiver can drop a repeated delivery. */
  public String id() {
    return rule + "/" + row.key() + "/" + row.bucket();
  }

  /** The firing as its sinks and the API show it, field by field, the id first. */
  public Map<String, Object> fields() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", id());
    out.put("rule", rule);
    out.put("rollup", row.rollup());
    out.put("grain", row.grain().id());
    out.put("key", row.key());
    out.put("bucket", row.bucket().toString());
    out.put("condition", condition);
    out.put("value", value);
    out.put("firedBy", batch);
    return out;
  }
}
