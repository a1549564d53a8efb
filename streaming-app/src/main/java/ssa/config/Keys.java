package ssa.config;

import java.util.List;

/** Every configuration key the job reads, in one place; each is documented in reference.conf. */
public final class Keys {
  public static final String ROOT = "ssa.job";

  public static final String NAME = ROOT + ".name";
  public static final String SOURCE_FORMAT = ROOT + ".source.format";
  public static final String SOURCE_HOST = ROOT + ".source.host";
  public static final String SOURCE_PORT = ROOT + ".source.port";
  public static final String SOURCE_PARTITIONS = ROOT + ".source.partitions";
  public static final String SOURCE_MAX_LINES = ROOT + ".source.max-lines-per-batch";
  public static final String SOURCE_STARTING_POSITION = ROOT + ".source.starting-position";
  public static final String SOURCE_RETRY_FOR = ROOT + ".source.retry-for";

  public static final String STREAM_FORMAT = ROOT + ".stream.format";
  public static final String STREAM_FIELDS = ROOT + ".stream.fields";
  public static final String STREAM_ID_FIELD = ROOT + ".stream.id-field";
  public static final String STREAM_KEY_FIELD = ROOT + ".stream.key-field";
  public static final String STREAM_TIME_FIELD = ROOT + ".stream.time-field";
  public static final String STREAM_TIME_FORMAT = ROOT + ".stream.time-format";
  public static final String STREAM_MEASURES = ROOT + ".stream.measures";
  public static final String STREAM_ERROR_WHEN = ROOT + ".stream.error-when";

  public static final String ALLOWED_LATENESS = ROOT + ".rollup.allowed-lateness";
  public static final String FUTURE_SKEW = ROOT + ".rollup.future-skew";
  public static final String ROLLUP_CACHE_ROWS = ROOT + ".rollup.cache-rows";
  public static final String TRIGGER_INTERVAL = ROOT + ".trigger-interval";
  public static final String MONITORING_PORT = ROOT + ".monitoring.http-port";
  public static final String MONITORING_HOST = ROOT + ".monitoring.http-host";
  public static final String SHUFFLE_PARTITIONS = ROOT + ".shuffle-partitions";
  public static final String CHECKPOINT_LOCATION = ROOT + ".checkpoint-location";

  public static final String CASSANDRA_HOST = ROOT + ".cassandra.host";
  public static final String CASSANDRA_PORT = ROOT + ".cassandra.port";
  public static final String CASSANDRA_DC = ROOT + ".cassandra.local-datacenter";
  public static final String CASSANDRA_KEYSPACE = ROOT + ".cassandra.keyspace";
  public static final String CASSANDRA_REPLICATION = ROOT + ".cassandra.replication";
  public static final String WRITE_CONCURRENT = ROOT + ".cassandra.write.concurrent-writes";
  public static final String WRITE_BATCH_ROWS = ROOT + ".cassandra.write.batch-rows";
  public static final String WRITE_BATCH_BYTES = ROOT + ".cassandra.write.batch-size-bytes";
  public static final String WRITE_THROUGHPUT_MB = ROOT + ".cassandra.write.throughput-mb-per-sec";
  public static final String WRITE_CONSISTENCY = ROOT + ".cassandra.write.consistency-level";

  /** Keys of one entry of {@link #STREAM_FIELDS}. */
  public static final String FIELD_NAME = "name";

  public static final String FIELD_TYPE = "type";
  public static final String FIELD_REQUIRED = "required";

  static final List<String> ALL =
      List.of(
          NAME, SOURCE_FORMAT, SOURCE_HOST, SOURCE_PORT, SOURCE_PARTITIONS, SOURCE_MAX_LINES,
          SOURCE_STARTING_POSITION, SOURCE_RETRY_FOR, STREAM_FORMAT, STREAM_FIELDS,
          STREAM_ID_FIELD, STREAM_KEY_FIELD, STREAM_TIME_FIELD, STREAM_TIME_FORMAT, STREAM_MEASURES,
          STREAM_ERROR_WHEN, ALLOWED_LATENESS, FUTURE_SKEW, ROLLUP_CACHE_ROWS, TRIGGER_INTERVAL, MONITORING_PORT, MONITORING_HOST,
          SHUFFLE_PARTITIONS,
          CHECKPOINT_LOCATION, CASSANDRA_HOST, CASSANDRA_PORT, CASSANDRA_DC, CASSANDRA_KEYSPACE,
          CASSANDRA_REPLICATION, WRITE_CONCURRENT, WRITE_BATCH_ROWS, WRITE_BATCH_BYTES, WRITE_THROUGHPUT_MB,
          WRITE_CONSISTENCY);

  private Keys() {}
}
