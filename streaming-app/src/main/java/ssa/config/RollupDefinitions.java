package ssa.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import ssa.parse.FieldSpec;
import ssa.parse.StreamSchema;
import ssa.rollup.Grain;
import ssa.rollup.RollupDefinition;
import ssa.settings.SettingException;
import ssa.settings.Settings;
import ssa.settings.Suggestions;

/**
 * Reads {@code ssa.job.rollup.definitions} and checks every definition against the stream it rolls
 * up. Each problem is a {@link SettingException} naming the exact path at fault, e.g. {@code
 * ssa.job.rollup.definitions[1].percentiles.latency_ms}.
 */
final class RollupDefinitions {
  static final String NAME = "name";
  static final String GROUP_BY = "group-by";
  static final String GRAINS = "grains";
  static final String MEASURES = "measures";
  static final String DISTINCT = "distinct";
  static final String PERCENTILES = "percentiles";
  static final String RETENTION = "retention";

  /** The keys of one definition. */
  static final List<String> KEYS =
      List.of(NAME, GROUP_BY, GRAINS, MEASURES, DISTINCT, PERCENTILES, RETENTION);

  /** Stored in the rollup column: short, and safe in any table or metric name made from it. */
  private static final Pattern VALID_NAME = Pattern.compile("[a-z][a-z0-9_]{0,47}");

  /** Cassandra's longest time to live, 20 years of 365 days. */
  static final Duration MAX_RETENTION = Duration.ofSeconds(630_720_000);

  private static final List<String> GRAIN_IDS =
      Arrays.stream(Grain.values()).map(Grain::id).toList();

  static List<RollupDefinition> read(Settings read, StreamSchema stream) {
    List<? extends Config> given = read.configs(JobSetting.ROLLUP_DEFINITIONS);
    if (given.isEmpty()) {
      throw new SettingException(
          JobSetting.ROLLUP_DEFINITIONS, "must list at least one rollup definition");
    }
    List<RollupDefinition> definitions = new ArrayList<>();
    Map<String, String> named = new HashMap<>();
    for (Config definition : given) {
      String where = JobSetting.ROLLUP_DEFINITIONS + "[" + definitions.size() + "]";
      RollupDefinition checked = definition(definition, where, stream);
      String before = named.putIfAbsent(checked.name(), where);
      if (before != null) {
        throw new SettingException(
            where + "." + NAME,
            "'" + checked.name() + "' is the name of " + before + " already: names must be unique");
      }
      definitions.add(checked);
    }
    return List.copyOf(definitions);
  }

  private static RollupDefinition definition(Config definition, String where, StreamSchema stream) {
    refuseUnknownKeys(definition, where, KEYS, "a rollup definition");
    String name = name(definition, where);
    List<String> groupBy = fields(definition, GROUP_BY, where, stream);
    List<Grain> grains = grains(definition, where);
    List<String> measures = new ArrayList<>();
    String measuresPath = where + "." + MEASURES;
    for (String measure : strings(definition, MEASURES, measuresPath)) {
      checkMeasure(measure, measuresPath, stream);
      if (measures.contains(measure)) {
        throw new SettingException(measuresPath, "measure '" + measure + "' appears twice");
      }
      measures.add(measure);
    }
    List<String> distinct = fields(definition, DISTINCT, where, stream);
    Map<String, List<Double>> percentiles = percentiles(definition, where, stream);
    Map<Grain, Duration> retention = retention(definition, where, grains);
    return new RollupDefinition(name, groupBy, grains, measures, distinct, percentiles, retention);
  }

  private static String name(Config definition, String where) {
    String path = where + "." + NAME;
    if (!definition.hasPath(NAME)) {
      throw new SettingException(path, "is missing: each rollup definition needs a name");
    }
    String name = typed(path, "text", () -> definition.getString(NAME));
    if (!VALID_NAME.matcher(name).matches()) {
      throw new SettingException(
          path,
          "must be a lowercase letter, then lowercase letters, digits or _ (48 at most), was '"
              + name
              + "'");
    }
    return name;
  }

  /** A list of distinct names of fields of the stream; empty when left out. */
  private static List<String> fields(
      Config definition, String key, String where, StreamSchema stream) {
    String path = where + "." + key;
    List<String> names = strings(definition, key, path);
    List<String> known = stream.fields().stream().map(FieldSpec::name).toList();
    Set<String> seen = new HashSet<>();
    for (String name : names) {
      if (stream.field(name) == null) {
        throw new SettingException(
            path, unknown("field", name, known, JobSetting.STREAM_FIELDS.key()));
      }
      if (!seen.add(name)) {
        throw new SettingException(path, "field '" + name + "' appears twice");
      }
    }
    return names;
  }

  private static void checkMeasure(String name, String path, StreamSchema stream) {
    if (stream.measures().contains(name)) {
      return;
    }
    if (stream.field(name) != null) {
      throw new SettingException(
          path,
          "field '"
              + name
              + "' is not one of "
              + JobSetting.STREAM_MEASURES
              + " "
              + stream.measures()
              + ", the numeric fields kept as measures");
    }
    throw new SettingException(
        path, unknown("measure", name, stream.measures(), JobSetting.STREAM_MEASURES.key()));
  }

  /** The grains kept, finest first whatever the order given; all of them when left out. */
  private static List<Grain> grains(Config definition, String where) {
    String path = where + "." + GRAINS;
    if (!definition.hasPath(GRAINS)) {
      return List.of(Grain.values());
    }
    Set<Grain> grains = EnumSet.noneOf(Grain.class);
    for (String id : strings(definition, GRAINS, path)) {
      if (!grains.add(grain(id, path))) {
        throw new SettingException(path, "grain '" + id + "' appears twice");
      }
    }
    if (grains.isEmpty()) {
      throw new SettingException(path, "must list at least one grain of " + GRAIN_IDS);
    }
    return List.copyOf(grains); // an EnumSet iterates in declaration order: finest first
  }

  private static Grain grain(String id, String path) {
    if (!GRAIN_IDS.contains(id)) {
      String near = Suggestions.nearest(id, GRAIN_IDS);
      throw new SettingException(
          path,
          "unknown grain '"
              + id
              + "'"
              + (near == null ? ", not one of " + GRAIN_IDS : "; did you mean " + near + "?"));
    }
    return Grain.byId(id);
  }

  /** Per measure, its percentiles in ascending order. */
  private static Map<String, List<Double>> percentiles(
      Config definition, String where, StreamSchema stream) {
    String path = where + "." + PERCENTILES;
    Map<String, List<Double>> percentiles = new LinkedHashMap<>();
    if (!definition.hasPath(PERCENTILES)) {
      return percentiles;
    }
    Config given =
        typed(
            path,
            "an object of measure = [percentiles], e.g. { latency_ms = [50, 95, 99] }",
            () -> definition.getConfig(PERCENTILES));
    for (String measure : new TreeSet<>(given.root().keySet())) {
      String at = path + "." + measure;
      checkMeasure(measure, at, stream);
      ConfigValue value = given.root().get(measure);
      if (value.valueType() != ConfigValueType.LIST) {
        throw new SettingException(
            at, "must be a list of percentiles such as [50, 95, 99], was " + value.render());
      }
      TreeSet<Double> kept = new TreeSet<>();
      for (ConfigValue element : (ConfigList) value) {
        if (element.valueType() != ConfigValueType.NUMBER) {
          throw new SettingException(
              at, "each percentile must be a number such as 99.9, was " + element.render());
        }
        double percentile = ((Number) element.unwrapped()).doubleValue();
        if (!(percentile > 0 && percentile <= 100)) {
          throw new SettingException(
              at,
              "percentile "
                  + plain(percentile)
                  + " out of range: each must be above 0 and at most 100");
        }
        if (!kept.add(percentile)) {
          throw new SettingException(at, "percentile " + plain(percentile) + " appears twice");
        }
      }
      if (kept.isEmpty()) {
        throw new SettingException(
            at, "must list at least one percentile, e.g. [50, 95, 99]; leave the measure out");
      }
      percentiles.put(measure, List.copyOf(kept));
    }
    return percentiles;
  }

  /** Per grain kept, how long its rows live; a whole number of seconds Cassandra can take. */
  private static Map<Grain, Duration> retention(
      Config definition, String where, List<Grain> grains) {
    String path = where + "." + RETENTION;
    Map<Grain, Duration> retention = new EnumMap<>(Grain.class);
    if (!definition.hasPath(RETENTION)) {
      return retention;
    }
    Config given =
        typed(
            path,
            "an object of grain = duration, e.g. { minute = 7 days }",
            () -> definition.getConfig(RETENTION));
    for (String id : new TreeSet<>(given.root().keySet())) {
      String at = path + "." + id;
      Grain grain = grain(id, at);
      if (!grains.contains(grain)) {
        throw new SettingException(
            at,
            "grain '"
                + id
                + "' is not one of this definition's grains "
                + grains.stream().map(Grain::id).toList());
      }
      Duration kept =
          typed(at, "a duration such as 7 days or 12 hours", () -> given.getDuration(grain.id()));
      String was = ", was " + given.root().get(id).unwrapped();
      if (kept.compareTo(Duration.ofSeconds(1)) < 0) {
        throw new SettingException(at, "must be at least 1 second" + was);
      }
      if (kept.compareTo(MAX_RETENTION) > 0) {
        throw new SettingException(
            at,
            "must be at most 20 years ("
                + MAX_RETENTION.toSeconds()
                + " seconds, Cassandra's longest time to live)"
                + was);
      }
      if (kept.getNano() != 0) {
        throw new SettingException(at, "must be a whole number of seconds" + was);
      }
      retention.put(grain, kept);
    }
    return retention;
  }

  /** A list of text; empty when left out. */
  private static List<String> strings(Config definition, String key, String path) {
    if (!definition.hasPath(key)) {
      return List.of();
    }
    return typed(path, "a list of names", () -> definition.getStringList(key));
  }

  /** A value of a list entry, or a SettingException naming its path and the type it must have. */
  static <T> T typed(String path, String expected, Supplier<T> get) {
    try {
      return get.get();
    } catch (ConfigException.WrongType | ConfigException.BadValue | ConfigException.Missing e) {
      // Missing: a key given as null
      throw new SettingException(path, "must be " + expected + " (" + e.getMessage() + ")", e);
    }
  }

  private static String unknown(String what, String name, Collection<String> known, String in) {
    String near = Suggestions.nearest(name, known);
    return "unknown "
        + what
        + " '"
        + name
        + "'"
        + (near == null ? ", not one of " + in + " " + known : "; did you mean " + near + "?");
  }

  /** 150 rather than 150.0, 99.9 as it is. */
  private static String plain(double value) {
    return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }

  /** Fails on the first key of a list entry that is not one of {@code keys}, suggesting one. */
  static void refuseUnknownKeys(Config entry, String where, List<String> keys, String what) {
    for (String given : entry.root().keySet()) {
      if (!keys.contains(given)) {
        String near = Suggestions.nearest(given, keys);
        throw new SettingException(
            where + "." + given,
            "is not a key of "
                + what
                + ", which takes "
                + keys
                + (near == null ? "" : "; did you mean " + near + "?"));
      }
    }
  }

  private RollupDefinitions() {}
}
