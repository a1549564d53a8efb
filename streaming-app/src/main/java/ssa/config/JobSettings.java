package ssa.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.File;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import ssa.parse.FieldSpec;
import ssa.parse.FieldType;
import ssa.parse.StreamSchema;
import ssa.parse.TimeFormat;
import ssa.parse.WireFormat;
import ssa.rollup.RollupDefinition;
import ssa.settings.SettingException;
import ssa.settings.Settings;
import ssa.settings.Suggestions;

/** Everything the streaming job is configured with, read once and validated at start. */
public record JobSettings(
    String name,
    SourceSettings source,
    StreamSchema stream,
    List<RollupDefinition> rollups,
    AlertSettings alerts,
    Duration allowedLateness,
    Duration futureSkew,
    int rollupCacheRows,
    Duration coarseWriteInterval,
    int coarseWriteMinRows,
    Duration triggerInterval,
    int shufflePartitions,
    String checkpointLocation,
    CassandraSettings cassandra,
    MonitoringSettings monitoring,
    ServeSettings serve) {

  /**
   * Loads settings, highest first: environment variables, JVM system properties, the given file
   * (else application.conf on the classpath), reference.conf.
   */
  public static JobSettings load(Optional<File> configFile) {
    return load(ConfigFactory.empty(), configFile);
  }

  /** The same under a command line's settings, which win over every other layer. */
  public static JobSettings load(Config commandLine, Optional<File> configFile) {
    return from(JobSetting.LOADER.load(commandLine, configFile));
  }

  static JobSettings load(
      Optional<File> configFile, Map<String, String> environment, Properties systemProperties) {
    return from(
        JobSetting.LOADER.load(ConfigFactory.empty(), environment, systemProperties, configFile));
  }

  /** The same settings under another job name. */
  public JobSettings withName(String otherName) {
    return new JobSettings(
        otherName,
        source,
        stream,
        rollups,
        alerts,
        allowedLateness,
        futureSkew,
        rollupCacheRows,
        coarseWriteInterval,
        coarseWriteMinRows,
        triggerInterval,
        shufflePartitions,
        checkpointLocation,
        cassandra,
        monitoring,
        serve);
  }

  /** The same settings writing to another keyspace. */
  public JobSettings withKeyspace(String keyspace) {
    return new JobSettings(
        name,
        source,
        stream,
        rollups,
        alerts,
        allowedLateness,
        futureSkew,
        rollupCacheRows,
        coarseWriteInterval,
        coarseWriteMinRows,
        triggerInterval,
        shufflePartitions,
        checkpointLocation,
        cassandra.withKeyspace(keyspace),
        monitoring,
        serve);
  }

  /** Reads and checks the {@code ssa.job} block of a resolved configuration. */
  public static JobSettings from(Config config) {
    return from(JobSetting.LOADER.check(config));
  }

  private static JobSettings from(Settings read) {
    StreamSchema stream = stream(read);
    List<RollupDefinition> rollups = RollupDefinitions.read(read, stream);
    return new JobSettings(
        read.string(JobSetting.NAME),
        new SourceSettings(
            read.string(JobSetting.SOURCE_FORMAT),
            read.string(JobSetting.SOURCE_HOST),
            read.intValue(JobSetting.SOURCE_PORT),
            read.intValue(JobSetting.SOURCE_PARTITIONS),
            read.intValue(JobSetting.SOURCE_MAX_LINES),
            read.string(JobSetting.SOURCE_STARTING_POSITION),
            read.duration(JobSetting.SOURCE_RETRY_FOR),
            read.string(JobSetting.SOURCE_KAFKA_BOOTSTRAP),
            read.string(JobSetting.SOURCE_KAFKA_TOPIC),
            read.duration(JobSetting.SOURCE_KAFKA_DEDUPE),
            passThrough(read, JobSetting.SOURCE_KAFKA_CONSUMER, "")),
        stream,
        rollups,
        AlertRules.settings(read, rollups),
        read.duration(JobSetting.ALLOWED_LATENESS),
        read.duration(JobSetting.FUTURE_SKEW),
        read.intValue(JobSetting.ROLLUP_CACHE_ROWS),
        read.duration(JobSetting.ROLLUP_COARSE_WRITE_INTERVAL),
        read.intValue(JobSetting.ROLLUP_COARSE_WRITE_MIN_ROWS),
        read.duration(JobSetting.TRIGGER_INTERVAL),
        read.intValue(JobSetting.SHUFFLE_PARTITIONS),
        checkpoint(read),
        new CassandraSettings(
            read.string(JobSetting.CASSANDRA_HOST),
            read.intValue(JobSetting.CASSANDRA_PORT),
            read.string(JobSetting.CASSANDRA_DC),
            keyspace(read),
            read.string(JobSetting.CASSANDRA_REPLICATION),
            read.intValue(JobSetting.WRITE_CONCURRENT),
            read.intValue(JobSetting.WRITE_BATCH_ROWS),
            read.intValue(JobSetting.WRITE_BATCH_BYTES),
            read.intValue(JobSetting.WRITE_THROUGHPUT_MB),
            read.string(JobSetting.WRITE_CONSISTENCY),
            read.string(JobSetting.READ_CONSISTENCY),
            security(read),
            connectorPassThrough(read)),
        new MonitoringSettings(
            read.string(JobSetting.MONITORING_HOST), read.intValue(JobSetting.MONITORING_PORT)),
        new ServeSettings(
            read.string(JobSetting.SERVE_HOST),
            read.intValue(JobSetting.SERVE_PORT),
            read.string(JobSetting.SERVE_TOKEN)));
  }

  private static CassandraSecurity security(Settings read) {
    String username = read.string(JobSetting.CASSANDRA_USERNAME);
    String password = read.string(JobSetting.CASSANDRA_PASSWORD);
    if (username.isEmpty() != password.isEmpty()) {
      JobSetting missing =
          username.isEmpty() ? JobSetting.CASSANDRA_USERNAME : JobSetting.CASSANDRA_PASSWORD;
      throw new SettingException(
          missing, "must be set too: give both a username and a password, or neither");
    }
    Optional<CassandraSecurity.Credentials> credentials =
        username.isEmpty()
            ? Optional.empty()
            : Optional.of(new CassandraSecurity.Credentials(username, password));
    Optional<CassandraSecurity.Tls> tls =
        read.bool(JobSetting.TLS_ENABLED)
            ? Optional.of(
                new CassandraSecurity.Tls(
                    existingFile(read, JobSetting.TLS_TRUSTSTORE_PATH),
                    read.string(JobSetting.TLS_TRUSTSTORE_PASSWORD),
                    read.string(JobSetting.TLS_TRUSTSTORE_TYPE),
                    existingFile(read, JobSetting.TLS_KEYSTORE_PATH),
                    read.string(JobSetting.TLS_KEYSTORE_PASSWORD),
                    read.string(JobSetting.TLS_KEYSTORE_TYPE),
                    read.bool(JobSetting.TLS_HOSTNAME_VERIFICATION)))
            : Optional.empty();
    return new CassandraSecurity(credentials, tls);
  }

  /** An optional file setting: empty for none, else a file that exists now. */
  private static Optional<String> existingFile(Settings read, JobSetting setting) {
    String path = read.string(setting);
    if (path.isEmpty()) {
      return Optional.empty();
    }
    if (!new File(path).isFile()) {
      throw new SettingException(setting, "no such file: " + path);
    }
    return Optional.of(path);
  }

  /** {@code cassandra.connector { output.batch.grouping.key = none }} as spark.cassandra.*. */
  private static Map<String, String> connectorPassThrough(Settings read) {
    return passThrough(read, JobSetting.CASSANDRA_CONNECTOR, "spark.cassandra.");
  }

  /** The keys of a pass-through block as dotted paths under a prefix, values as text. */
  private static Map<String, String> passThrough(Settings read, JobSetting block, String prefix) {
    Map<String, String> conf = new TreeMap<>();
    read.object(block)
        .entrySet()
        .forEach(e -> conf.put(prefix + e.getKey(), e.getValue().unwrapped().toString()));
    return conf;
  }

  private static String checkpoint(Settings read) {
    String location = read.string(JobSetting.CHECKPOINT_LOCATION);
    if (!location.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
      throw new SettingException(
          JobSetting.CHECKPOINT_LOCATION,
          "must be a Hadoop filesystem URI such as file:///var/ssa/checkpoint or"
              + " hdfs://namenode:8020/ssa/checkpoint, was '"
              + location
              + "'");
    }
    return location;
  }

  private static String keyspace(Settings read) {
    String keyspace = read.string(JobSetting.CASSANDRA_KEYSPACE);
    if (!keyspace.matches("[a-zA-Z][a-zA-Z0-9_]{0,47}")) {
      throw new SettingException(
          JobSetting.CASSANDRA_KEYSPACE,
          "must be a letter then letters, digits or _ (48 at most), was '" + keyspace + "'");
    }
    return keyspace;
  }

  private static StreamSchema stream(Settings read) {
    WireFormat format =
        WireFormat.valueOf(read.string(JobSetting.STREAM_FORMAT).toUpperCase(Locale.ROOT));
    List<FieldSpec> fields = fields(read);
    String id = existingField(read, JobSetting.STREAM_ID_FIELD, fields);
    String key = existingField(read, JobSetting.STREAM_KEY_FIELD, fields);
    String time = existingField(read, JobSetting.STREAM_TIME_FIELD, fields);
    TimeFormat timeFormat = TimeFormat.byConfigName(read.string(JobSetting.STREAM_TIME_FORMAT));
    FieldType timeType = fieldType(fields, time);
    if (!timeFormat.fieldTypes().contains(timeType)) {
      throw new SettingException(
          JobSetting.STREAM_TIME_FIELD,
          "field '"
              + time
              + "' has type "
              + timeType.name().toLowerCase(Locale.ROOT)
              + ", but "
              + JobSetting.STREAM_TIME_FORMAT
              + " = "
              + timeFormat.configName()
              + " needs "
              + String.join(
                  " or ",
                  timeFormat.fieldTypes().stream()
                      .map(t -> t.name().toLowerCase(Locale.ROOT))
                      .sorted()
                      .toList()));
    }
    List<String> measures = read.strings(JobSetting.STREAM_MEASURES);
    for (String measure : measures) {
      FieldType type = fieldType(fields, measure);
      if (type == null || !type.numeric()) {
        throw new SettingException(
            JobSetting.STREAM_MEASURES,
            "'" + measure + "' must name a numeric field (int, long, double)");
      }
    }
    return new StreamSchema(
        format,
        fields,
        id,
        key,
        time,
        timeFormat,
        measures,
        read.string(JobSetting.STREAM_ERROR_WHEN));
  }

  private static List<FieldSpec> fields(Settings read) {
    List<FieldSpec> fields = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (Config field : read.configs(JobSetting.STREAM_FIELDS)) {
      String where = JobSetting.STREAM_FIELDS + "[" + fields.size() + "]";
      for (String given : field.root().keySet()) {
        if (!JobSetting.FIELD_KEYS.contains(given)) {
          String near = Suggestions.nearest(given, JobSetting.FIELD_KEYS);
          throw new SettingException(
              where + "." + given,
              "is not a key of a field, which takes "
                  + JobSetting.FIELD_KEYS
                  + (near == null ? "" : "; did you mean " + near + "?"));
        }
      }
      if (!field.hasPath(JobSetting.FIELD_NAME) || !field.hasPath(JobSetting.FIELD_TYPE)) {
        throw new SettingException(where, "needs a name and a type");
      }
      String name = field.getString(JobSetting.FIELD_NAME);
      FieldType type = FieldType.byConfigName(field.getString(JobSetting.FIELD_TYPE));
      if (type == null) {
        throw new SettingException(
            where + "." + JobSetting.FIELD_TYPE,
            "must be one of string, int, long, double, boolean, was '"
                + field.getString(JobSetting.FIELD_TYPE)
                + "'");
      }
      if (!names.add(name)) {
        throw new SettingException(where, "field '" + name + "' appears twice");
      }
      boolean required =
          !field.hasPath(JobSetting.FIELD_REQUIRED) || field.getBoolean(JobSetting.FIELD_REQUIRED);
      fields.add(new FieldSpec(name, type, required));
    }
    if (fields.isEmpty()) {
      throw new SettingException(JobSetting.STREAM_FIELDS, "must list at least one field");
    }
    return fields;
  }

  private static String existingField(Settings read, JobSetting key, List<FieldSpec> fields) {
    String name = read.string(key);
    if (fieldType(fields, name) == null) {
      throw new SettingException(
          key, "'" + name + "' is not one of the fields in " + JobSetting.STREAM_FIELDS);
    }
    return name;
  }

  private static FieldType fieldType(List<FieldSpec> fields, String name) {
    return fields.stream()
        .filter(f -> f.name().equals(name))
        .map(FieldSpec::type)
        .findFirst()
        .orElse(null);
  }
}
