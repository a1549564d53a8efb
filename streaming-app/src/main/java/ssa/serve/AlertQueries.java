package ssa.serve;

import com.datastax.oss.driver.api.core.CqlSession;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import ssa.config.AlertSettings;
import ssa.rollup.AlertRule;
import ssa.store.AlertTable;

/** The alert rules the job is configured with and their newest firings, for /api/v1/alerts. */
public final class AlertQueries {
  /** The most firings one answer lists. */
  public static final int MAX_LIMIT = 1_000;

  /** The longest look back, in hours: one read per rule and day. */
  public static final int MAX_HOURS = 24 * 31;

  private final List<AlertRule> rules;
  private final AlertTable table;

  public AlertQueries(CqlSession session, String keyspace, String job, AlertSettings settings) {
    this.rules = settings.rules();
    this.table = new AlertTable(session, keyspace, job);
  }

  /** The rules, and the firings of buckets that started in the last {@code hours}. */
  public Map<String, Object> recent(Instant now, int hours, int limit) {
    List<Map<String, Object>> rulesOut = new ArrayList<>();
    for (AlertRule rule : rules) {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("name", rule.name());
      r.put("rollup", rule.rollup());
      r.put("grain", rule.grain().id());
      r.put("condition", rule.condition());
      r.put("minCount", rule.minCount());
      r.put("on", rule.onClose() ? "close" : "update");
      rulesOut.add(r);
    }
    List<Map<String, Object>> fired = new ArrayList<>();
    List<String> names = rules.stream().map(AlertRule::name).toList();
    for (AlertTable.Fired f :
        table.recent(names, now.minus(Duration.ofHours(hours)), now.plusSeconds(1), limit)) {
      Map<String, Object> a = new LinkedHashMap<>(f.alert().fields());
      a.put("firedAt", f.firedAt() == null ? null : f.firedAt().toString());
      a.put("deliveredAt", f.deliveredAt() == null ? null : f.deliveredAt().toString());
      fired.add(a);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("rules", rulesOut);
    out.put("alerts", fired);
    return out;
  }
}
