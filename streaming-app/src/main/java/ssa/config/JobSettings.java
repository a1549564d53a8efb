package ssa.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import java.io.File;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import ssa.parse.FieldSpec;
import ssa.parse.FieldType;
import ssa.parse.StreamSchema;
import ssa.parse.TimeFormat;
import ssa.parse.WireFormat;

/** Everything the streaming job is configured with, read once and validated at start. */
public record JobSettings(
    String name,
    SourceSettings source,
    StreamSchema stream,
    Duration allowedLateness,
    Duration futureSkew,
    int rollupCacheRows,
    Duration triggerInterval,
    int shufflePartitions,
    String checkpointLocation,
    CassandraSettings cassandra,
    MonitoringSettings monitoring) {

  private static final String ENV_OVERRIDES = "ssa-job-env.conf";
  private static final Set<String> SOURCE_FORMATS = Set.of("ssa-tcp", "socket");
  private static final Set<String> STARTING_POSITIONS = Set.of("earliest", "latest");
  private static final Set<String> WIRE_FORMATS = Set.of("json", "csv");
  private static final Set<String> CONSISTENCY_LEVELS =
      Set.of("ANY", "ONE", "TWO", "THREE", "QUORUM", "ALL", "LOCAL_QUORUM", "EACH_QUORUM",
          "LOCAL_ONE");

  /**
   * Loads settings: environment variables over the given file (if any) over application.conf on
   * the classpath over reference.conf.
   */
  public static JobSettings load(Optional<File> configFile) {
    return load(configFile, System.getenv(), ConfigFactory.empty());
  }

  /** The same, with {@code overrides} over everything else (for benchmarks that vary a knob). */
  public static JobSettings load(Optional<File> configFile, Config overrides) {
    return load(configFile, System.getenv(), overrides);
  }

  static JobSettings load(Optional<File> configFile, Map<String, String> environment) {
    return load(configFile, environment, ConfigFactory.empty());
  }

  private static JobSettings load(
      Optional<File> configFile, Map<String, String> environment, Config overrides) {
    Config app =
        configFile
            .map(f -> ConfigFactory.parseFile(f, ConfigParseOptions.defaults().setAllowMissing(false)))
            .orElse(ConfigFactory.empty());
    // An unset variable leaves its ${?...} key out, so only variables actually set override.
    Config env =
        ConfigFactory.parseResources(ENV_OVERRIDES)
            .resolveWith(ConfigFactory.parseMap(environment, "environment variables"));
    Config config =
        overrides
            .withFallback(env)
            .withFallback(app)
            .withFallback(ConfigFactory.defaultApplication())
            .withFallback(ConfigFactory.defaultReference())
            .resolve();
    return from(config);
  }

  /** The same settings under another job name. */
  public JobSettings withName(String otherName) {
    return new JobSettings(
        otherName, source, stream, allowedLateness, futureSkew, rollupCacheRows, triggerInterval,
        shufflePartitions,
        checkpointLocation, cassandra, monitoring);
  }

  /** The same settings writing to another keyspace. */
  public JobSettings withKeyspace(String keyspace) {
    CassandraSettings c = cassandra;
    return new JobSettings(
        name, source, stream, allowedLateness, futureSkew, rollupCacheRows, triggerInterval,
        shufflePartitions, checkpointLocation,
        new CassandraSettings(
            c.host(), c.port(), c.localDatacenter(), keyspace, c.replication(),
            c.concurrentWrites(), c.batchRows(), c.batchSizeBytes(), c.throughputMbPerSec(),
            c.consistencyLevel()),
        monitoring);
  }

  /** Reads and validates the {@code ssa.job} block of a resolved configuration. */
  public static JobSettings from(Config config) {
    config.checkValid(ConfigFactory.defaultReference(), Keys.ROOT);
    ConfigReader read = new ConfigReader(config);
    return new JobSettings(
        read.string(Keys.NAME),
        new SourceSettings(
            read.oneOf(Keys.SOURCE_FORMAT, SOURCE_FORMATS),
            read.string(Keys.SOURCE_HOST),
            read.intIn(Keys.SOURCE_PORT, 1, 65535),
            read.intIn(Keys.SOURCE_PARTITIONS, 1, 1024),
            read.intIn(Keys.SOURCE_MAX_LINES, 1, Integer.MAX_VALUE),
            read.oneOf(Keys.SOURCE_STARTING_POSITION, STARTING_POSITIONS),
            read.positiveDuration(Keys.SOURCE_RETRY_FOR)),
        stream(read),
        read.nonNegativeDuration(Keys.ALLOWED_LATENESS),
        read.nonNegativeDuration(Keys.FUTURE_SKEW),
        read.intIn(Keys.ROLLUP_CACHE_ROWS, 0, Integer.MAX_VALUE),
        read.positiveDuration(Keys.TRIGGER_INTERVAL),
        read.intIn(Keys.SHUFFLE_PARTITIONS, 1, 10_000),
        checkpoint(read),
        new CassandraSettings(
            read.string(Keys.CASSANDRA_HOST),
            read.intIn(Keys.CASSANDRA_PORT, 1, 65535),
            read.string(Keys.CASSANDRA_DC),
            keyspace(read),
            read.string(Keys.CASSANDRA_REPLICATION),
            read.intIn(Keys.WRITE_CONCURRENT, 1, 1024),
            read.intIn(Keys.WRITE_BATCH_ROWS, 1, 65_535),
            read.intIn(Keys.WRITE_BATCH_BYTES, 1, 1 << 20),
            read.intIn(Keys.WRITE_THROUGHPUT_MB, 0, 1 << 20),
            read.oneOf(Keys.WRITE_CONSISTENCY, CONSISTENCY_LEVELS)),
        new MonitoringSettings(
            read.string(Keys.MONITORING_HOST), read.intIn(Keys.MONITORING_PORT, -1, 65535)));
  }

  private static String checkpoint(ConfigReader read) {
    String location = read.string(Keys.CHECKPOINT_LOCATION);
    if (!location.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
      throw ConfigReader.invalid(
          Keys.CHECKPOINT_LOCATION,
          "must be a Hadoop filesystem URI such as file:///var/ssa/checkpoint or"
              + " hdfs://namenode:8020/ssa/checkpoint, was '" + location + "'");
    }
    return location;
  }

  private static String keyspace(ConfigReader read) {
    String keyspace = read.string(Keys.CASSANDRA_KEYSPACE);
    if (!keyspace.matches("[a-zA-Z][a-zA-Z0-9_]{0,47}")) {
      throw ConfigReader.invalid(
          Keys.CASSANDRA_KEYSPACE,
          "must be a letter then letters, digits or _ (48 at most), was '" + keyspace + "'");
    }
    return keyspace;
  }

  private static StreamSchema stream(ConfigReader read) {
    WireFormat format =
        WireFormat.valueOf(read.oneOf(Keys.STREAM_FORMAT, WIRE_FORMATS).toUpperCase(Locale.ROOT));
    List<FieldSpec> fields = fields(read);
    String id = existingField(read, Keys.STREAM_ID_FIELD, fields);
    String key = existingField(read, Keys.STREAM_KEY_FIELD, fields);
    String time = existingField(read, Keys.STREAM_TIME_FIELD, fields);
    TimeFormat timeFormat =
        TimeFormat.byConfigName(
            read.oneOf(Keys.STREAM_TIME_FORMAT, Set.of(TimeFormat.configNames())));
    FieldType timeType = fieldType(fields, time);
    if (!timeFormat.fieldTypes().contains(timeType)) {
      throw ConfigReader.invalid(
          Keys.STREAM_TIME_FIELD,
          "field '" + time + "' has type " + timeType.name().toLowerCase(Locale.ROOT) + ", but "
              + Keys.STREAM_TIME_FORMAT + " = " + timeFormat.configName() + " needs "
              + String.join(" or ", timeFormat.fieldTypes().stream()
                  .map(t -> t.name().toLowerCase(Locale.ROOT)).sorted().toList()));
    }
    List<String> measures = read.strings(Keys.STREAM_MEASURES);
    for (String measure : measures) {
      FieldType type = fieldType(fields, measure);
      if (type == null || !type.numeric()) {
        throw ConfigReader.invalid(
            Keys.STREAM_MEASURES, "'" + measure + "' must name a numeric field (int, long, double)");
      }
    }
    return new StreamSchema(
        format, fields, id, key, time, timeFormat, measures,
        read.stringOrEmpty(Keys.STREAM_ERROR_WHEN));
  }

  private static List<FieldSpec> fields(ConfigReader read) {
    List<FieldSpec> fields = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (Config field : read.configs(Keys.STREAM_FIELDS)) {
      String where = Keys.STREAM_FIELDS + "[" + fields.size() + "]";
      if (!field.hasPath(Keys.FIELD_NAME) || !field.hasPath(Keys.FIELD_TYPE)) {
        throw ConfigReader.invalid(where, "needs a name and a type");
      }
      String name = field.getString(Keys.FIELD_NAME);
      FieldType type = FieldType.byConfigName(field.getString(Keys.FIELD_TYPE));
      if (type == null) {
        throw ConfigReader.invalid(
            where + "." + Keys.FIELD_TYPE,
            "must be one of string, int, long, double, boolean, was '"
                + field.getString(Keys.FIELD_TYPE) + "'");
      }
      if (!names.add(name)) {
        throw ConfigReader.invalid(where, "field '" + name + "' appears twice");
      }
      boolean required = !field.hasPath(Keys.FIELD_REQUIRED) || field.getBoolean(Keys.FIELD_REQUIRED);
      fields.add(new FieldSpec(name, type, required));
    }
    if (fields.isEmpty()) {
      throw ConfigReader.invalid(Keys.STREAM_FIELDS, "must list at least one field");
    }
    return fields;
  }

  private static String existingField(ConfigReader read, String key, List<FieldSpec> fields) {
    String name = read.string(key);
    if (fieldType(fields, name) == null) {
      throw ConfigReader.invalid(key, "'" + name + "' is not one of the fields in " + Keys.STREAM_FIELDS);
    }
    return name;
  }

  private static FieldType fieldType(List<FieldSpec> fields, String name) {
    return fields.stream().filter(f -> f.name().equals(name)).map(FieldSpec::type).findFirst()
        .orElse(null);
  }
}
