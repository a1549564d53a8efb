package ssa.config;

import com.typesafe.config.Config;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import ssa.rollup.AlertRule;
import ssa.rollup.AlertRule.Comparison;
import ssa.rollup.Grain;
import ssa.rollup.RollupDefinition;
import ssa.rollup.RollupFigure;
import ssa.settings.SettingException;
import ssa.settings.Settings;

/**
 * Reads {@code ssa.job.alert}: each rule checked against the rollup it watches, every problem a
 * {@link SettingException} naming the exact path, e.g. {@code ssa.job.alert.rules[0].when}.
 */
final class AlertRules {
  static final String NAME = "name";
  static final String ROLLUP = "rollup";
  static final String GRAIN = "grain";
  static final String WHEN = "when";
  static final String MIN_COUNT = "min-count";
  static final String ON = "on";

  static final List<String> KEYS = List.of(NAME, ROLLUP, GRAIN, WHEN, MIN_COUNT, ON);

  private static final Pattern VALID_NAME = Pattern.compile("[a-z][a-z0-9_-]{0,63}");
  private static final Pattern CONDITION =
      Pattern.compile("\\s*(.+?)\\s*(>=|<=|>|<)\\s*(-?[0-9]+(?:\\.[0-9]+)?(?:[eE]-?[0-9]+)?)\\s*");

  static AlertSettings settings(Settings read, List<RollupDefinition> rollups) {
    return new AlertSettings(
        rules(read, rollups),
        read.bool(JobSetting.ALERT_LOG),
        read.string(JobSetting.ALERT_WEBHOOK_URL),
        read.duration(JobSetting.ALERT_WEBHOOK_TIMEOUT),
        read.intValue(JobSetting.ALERT_WEBHOOK_ATTEMPTS),
        read.string(JobSetting.ALERT_KAFKA_TOPIC),
        read.string(JobSetting.SOURCE_KAFKA_BOOTSTRAP));
  }

  private static List<AlertRule> rules(Settings read, List<RollupDefinition> rollups) {
    Map<String, RollupDefinition> byName = RollupDefinition.byName(rollups);
    List<AlertRule> rules = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (Config rule : read.configs(JobSetting.ALERT_RULES)) {
      String where = JobSetting.ALERT_RULES + "[" + rules.size() + "]";
      AlertRule checked = rule(rule, where, byName);
      if (!names.add(checked.name())) {
        throw new SettingException(
            where + "." + NAME, "'" + checked.name() + "' names another rule already");
      }
      rules.add(checked);
    }
    return rules;
  }

  private static AlertRule rule(Config rule, String where, Map<String, RollupDefinition> rollups) {
    RollupDefinitions.refuseUnknownKeys(rule, where, KEYS, "an alert rule");
    String name = text(rule, NAME, where);
    if (!VALID_NAME.matcher(name).matches()) {
      throw new SettingException(
          where + "." + NAME,
          "must be a lowercase letter, then lowercase letters, digits, _ or - (64 at most), was '"
              + name
              + "'");
    }
    String rollupName = text(rule, ROLLUP, where);
    RollupDefinition rollup = rollups.get(rollupName);
    if (rollup == null) {
      throw new SettingException(
          where + "." + ROLLUP,
          "no rollup definition is named '" + rollupName + "'; there are " + rollups.keySet());
    }
    Grain grain = grain(text(rule, GRAIN, where), where + "." + GRAIN, rollup);
    Matcher condition = CONDITION.matcher(text(rule, WHEN, where));
    if (!condition.matches()) {
      throw new SettingException(
          where + "." + WHEN,
          "must be '<figure> <op> <number>' with op one of >, >=, <, <=, e.g. 'error_rate > 0.05'");
    }
    RollupFigure figure;
    try {
      figure = RollupFigure.parse(condition.group(1), rollup);
    } catch (IllegalArgumentException e) {
      throw new SettingException(where + "." + WHEN, e.getMessage());
    }
    Comparison comparison = Comparison.of(condition.group(2));
    long minCount = rule.hasPath(MIN_COUNT) ? minCount(rule, where + "." + MIN_COUNT) : 0;
    boolean onClose = comparison.isFloor();
    if (rule.hasPath(ON)) {
      String on = text(rule, ON, where);
      if (!on.equals("update") && !on.equals("close")) {
        throw new SettingException(where + "." + ON, "must be update or close, was '" + on + "'");
      }
      onClose = on.equals("close");
    }
    return new AlertRule(
        name,
        rollupName,
        grain,
        figure,
        comparison,
        Double.parseDouble(condition.group(3)),
        minCount,
        onClose);
  }

  private static Grain grain(String id, String path, RollupDefinition rollup) {
    for (Grain grain : rollup.grains()) {
      if (grain.id().equals(id)) {
        return grain;
      }
    }
    throw new SettingException(
        path,
        "rollup '"
            + rollup.name()
            + "' keeps no grain '"
            + id
            + "'; it keeps "
            + rollup.grains().stream().map(Grain::id).toList());
  }

  private static long minCount(Config rule, String path) {
    long n = RollupDefinitions.typed(path, "a whole number", () -> rule.getLong(MIN_COUNT));
    if (n < 0) {
      throw new SettingException(path, "must be 0 or more, was " + n);
    }
    return n;
  }

  private static String text(Config rule, String key, String where) {
    if (!rule.hasPath(key)) {
      throw new SettingException(where + "." + key, "is missing: each alert rule needs a " + key);
    }
    return RollupDefinitions.typed(where + "." + key, "text", () -> rule.getString(key));
  }

  private AlertRules() {}
}
