package ssa.config;

import static ssa.settings.ValueType.duration;
import static ssa.settings.ValueType.intIn;
import static ssa.settings.ValueType.nonEmptyText;
import static ssa.settings.ValueType.oneOf;

import java.time.Duration;
import java.util.List;
import ssa.parse.TimeFormat;
import ssa.settings.Declaration;
import ssa.settings.Setting;
import ssa.settings.SettingsLoader;
import ssa.settings.ValueType;

/**
 * Every setting of the streaming job, declared once: path, type and range, environment variable.
 * reference.conf gives each its default and documentation (a test holds the two together), the
 * loader derives the environment layer and the valid keys from this list, and the README's table of
 * environment variables is checked against it.
 */
public enum JobSetting implements Setting {
  NAME("name", nonEmptyText(), "SSA_JOB_NAME"),
  SOURCE_FORMAT("source.format", oneOf("ssa-tcp", "kafka", "socket"), "SSA_SOURCE_FORMAT"),
  SOURCE_HOST("source.host", nonEmptyText(), "SSA_SOURCE_HOST"),
  SOURCE_PORT("source.port", intIn(1, 65535), "SSA_SOURCE_PORT"),
  SOURCE_PARTITIONS("source.partitions", intIn(1, 1024), null),
  SOURCE_MAX_LINES(
      "source.max-lines-per-batch", intIn(1, Integer.MAX_VALUE), "SSA_MAX_LINES_PER_BATCH"),
  SOURCE_STARTING_POSITION("source.starting-position", oneOf("earliest", "latest"), null),
  SOURCE_RETRY_FOR("source.retry-for", duration(Duration.ZERO, true), null),
  SOURCE_KAFKA_BOOTSTRAP(
      "source.kafka.bootstrap-servers", nonEmptyText(), "SSA_KAFKA_BOOTSTRAP_SERVERS"),
  SOURCE_KAFKA_TOPIC("source.kafka.topic", nonEmptyText(), "SSA_KAFKA_TOPIC"),
  SOURCE_KAFKA_DEDUPE("source.kafka.dedupe-window", duration(Duration.ZERO, false), null),
  /** Handed to Spark's Kafka source as kafka.* verbatim. */
  SOURCE_KAFKA_CONSUMER("source.kafka.consumer", ValueType.passThrough(), null),

  STREAM_FORMAT("stream.format", oneOf("json", "csv"), "SSA_STREAM_FORMAT"),
  STREAM_FIELDS("stream.fields", ValueType.objectList(), null),
  STREAM_ID_FIELD("stream.id-field", nonEmptyText(), null),
  STREAM_KEY_FIELD("stream.key-field", nonEmptyText(), null),
  STREAM_TIME_FIELD("stream.time-field", nonEmptyText(), null),
  STREAM_TIME_FORMAT("stream.time-format", oneOf(TimeFormat.configNames()), null),
  STREAM_MEASURES("stream.measures", ValueType.textList(), null),
  STREAM_ERROR_WHEN("stream.error-when", ValueType.text(), null),

  ALLOWED_LATENESS(
      "rollup.allowed-lateness", duration(Duration.ZERO, false), "SSA_ALLOWED_LATENESS"),
  FUTURE_SKEW("rollup.future-skew", duration(Duration.ZERO, false), "SSA_FUTURE_SKEW"),
  ROLLUP_CACHE_ROWS("rollup.cache-rows", intIn(0, Integer.MAX_VALUE), "SSA_ROLLUP_CACHE_ROWS"),
  ROLLUP_COARSE_WRITE_INTERVAL(
      "rollup.coarse-write-interval",
      duration(Duration.ZERO, false),
      "SSA_ROLLUP_COARSE_WRITE_INTERVAL"),
  ROLLUP_COARSE_WRITE_MIN_ROWS(
      "rollup.coarse-write-min-rows",
      intIn(0, Integer.MAX_VALUE),
      "SSA_ROLLUP_COARSE_WRITE_MIN_ROWS"),
  /** Checked against the stream, key by key, by {@link RollupDefinitions}. */
  ROLLUP_DEFINITIONS("rollup.definitions", ValueType.objectList(), null),
  /** Checked against the rollups, rule by rule, by {@link AlertRules}. */
  ALERT_RULES("alert.rules", ValueType.objectList(), null),
  ALERT_LOG("alert.log", ValueType.bool(), null),
  ALERT_WEBHOOK_URL("alert.webhook.url", ValueType.text(), "SSA_ALERT_WEBHOOK_URL"),
  ALERT_WEBHOOK_TIMEOUT("alert.webhook.timeout", duration(Duration.ZERO, false), null),
  ALERT_WEBHOOK_ATTEMPTS("alert.webhook.attempts", intIn(1, 100), null),
  ALERT_KAFKA_TOPIC("alert.kafka-topic", ValueType.text(), "SSA_ALERT_KAFKA_TOPIC"),
  TRIGGER_INTERVAL("trigger-interval", duration(Duration.ZERO, true), "SSA_TRIGGER_INTERVAL"),
  MONITORING_PORT("monitoring.http-port", intIn(-1, 65535), "SSA_MONITORING_PORT"),
  MONITORING_HOST("monitoring.http-host", nonEmptyText(), "SSA_MONITORING_HOST"),
  SERVE_PORT("serve.http-port", intIn(0, 65535), "SSA_SERVE_PORT"),
  SERVE_HOST("serve.http-host", nonEmptyText(), "SSA_SERVE_HOST"),
  SERVE_TOKEN("serve.token", ValueType.text(), "SSA_SERVE_TOKEN"),
  SHUFFLE_PARTITIONS("shuffle-partitions", intIn(1, 10_000), "SSA_SHUFFLE_PARTITIONS"),
  CHECKPOINT_LOCATION("checkpoint-location", nonEmptyText(), "SSA_CHECKPOINT_LOCATION"),

  CASSANDRA_HOST("cassandra.host", nonEmptyText(), "SSA_CASSANDRA_HOST"),
  CASSANDRA_PORT("cassandra.port", intIn(1, 65535), "SSA_CASSANDRA_PORT"),
  CASSANDRA_DC("cassandra.local-datacenter", nonEmptyText(), "SSA_CASSANDRA_DC"),
  CASSANDRA_KEYSPACE("cassandra.keyspace", nonEmptyText(), "SSA_KEYSPACE"),
  CASSANDRA_REPLICATION("cassandra.replication", nonEmptyText(), "SSA_CASSANDRA_REPLICATION"),
  CASSANDRA_USERNAME("cassandra.username", ValueType.text(), "SSA_CASSANDRA_USERNAME"),
  CASSANDRA_PASSWORD("cassandra.password", ValueType.text(), "SSA_CASSANDRA_PASSWORD"),
  TLS_ENABLED("cassandra.tls.enabled", ValueType.bool(), "SSA_CASSANDRA_TLS"),
  TLS_TRUSTSTORE_PATH(
      "cassandra.tls.truststore-path", ValueType.text(), "SSA_CASSANDRA_TRUSTSTORE"),
  TLS_TRUSTSTORE_PASSWORD(
      "cassandra.tls.truststore-password", ValueType.text(), "SSA_CASSANDRA_TRUSTSTORE_PASSWORD"),
  TLS_TRUSTSTORE_TYPE("cassandra.tls.truststore-type", oneOf("JKS", "PKCS12"), null),
  TLS_KEYSTORE_PATH("cassandra.tls.keystore-path", ValueType.text(), "SSA_CASSANDRA_KEYSTORE"),
  TLS_KEYSTORE_PASSWORD(
      "cassandra.tls.keystore-password", ValueType.text(), "SSA_CASSANDRA_KEYSTORE_PASSWORD"),
  TLS_KEYSTORE_TYPE("cassandra.tls.keystore-type", oneOf("JKS", "PKCS12"), null),
  TLS_HOSTNAME_VERIFICATION("cassandra.tls.hostname-verification", ValueType.bool(), null),
  WRITE_CONCURRENT("cassandra.write.concurrent-writes", intIn(1, 1024), "SSA_WRITE_CONCURRENCY"),
  WRITE_BATCH_ROWS("cassandra.write.batch-rows", intIn(1, 65_535), "SSA_WRITE_BATCH_ROWS"),
  WRITE_BATCH_BYTES("cassandra.write.batch-size-bytes", intIn(1, 1 << 20), null),
  WRITE_THROUGHPUT_MB(
      "cassandra.write.throughput-mb-per-sec", intIn(0, 1 << 20), "SSA_WRITE_THROUGHPUT_MB"),
  WRITE_CONSISTENCY(
      "cassandra.write.consistency-level",
      oneOf(
          "ANY",
          "ONE",
          "TWO",
          "THREE",
          "QUORUM",
          "ALL",
          "LOCAL_QUORUM",
          "EACH_QUORUM",
          "LOCAL_ONE"),
      "SSA_WRITE_CONSISTENCY"),
  READ_CONSISTENCY(
      "cassandra.read.consistency-level",
      oneOf("ONE", "TWO", "THREE", "QUORUM", "ALL", "LOCAL_QUORUM", "LOCAL_ONE"),
      "SSA_READ_CONSISTENCY"),
  /** Handed to the Spark Cassandra Connector as spark.cassandra.* verbatim. */
  CASSANDRA_CONNECTOR("cassandra.connector", ValueType.passThrough(), null);

  public static final String ROOT = "ssa.job";

  /** Keys of one entry of {@link #STREAM_FIELDS}. */
  public static final String FIELD_NAME = "name";

  public static final String FIELD_TYPE = "type";
  public static final String FIELD_REQUIRED = "required";
  static final List<String> FIELD_KEYS = List.of(FIELD_NAME, FIELD_TYPE, FIELD_REQUIRED);

  /** Reads, layers and checks the job's settings. */
  public static final SettingsLoader LOADER = new SettingsLoader(ROOT, List.of(values()));

  private final Declaration declaration;

  JobSetting(String path, ValueType type, String env) {
    this.declaration = Declaration.under(ROOT, path, type, env);
  }

  @Override
  public Declaration declaration() {
    return declaration;
  }

  @Override
  public String toString() {
    return key();
  }
}
