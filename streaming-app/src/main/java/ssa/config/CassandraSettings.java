package ssa.config;

import java.util.Map;

/** How to reach Cassandra and how hard to write to it. */
public record CassandraSettings(
    String host,
    int port,
    String localDatacenter,
    String keyspace,
    String replication,
    int concurrentWrites,
    int batchRows,
    int batchSizeBytes,
    int throughputMbPerSec,
    String consistencyLevel,
    Map<String, String> connectorPassThrough) {

  public CassandraSettings {
    connectorPassThrough = Map.copyOf(connectorPassThrough);
  }

  /** The same, writing to another keyspace. */
  public CassandraSettings withKeyspace(String otherKeyspace) {
    return new CassandraSettings(
        host, port, localDatacenter, otherKeyspace, replication, concurrentWrites, batchRows,
        batchSizeBytes, throughputMbPerSec, consistencyLevel, connectorPassThrough);
  }

  /**
   * The Spark Cassandra Connector's own settings for these values, then whatever
   * {@code cassandra.connector} passes through, which wins.
   */
  public Map<String, String> connectorConf() {
    Map<String, String> conf = new java.util.LinkedHashMap<>();
    conf.put("spark.cassandra.connection.host", host);
    conf.put("spark.cassandra.connection.port", Integer.toString(port));
    conf.put("spark.cassandra.connection.localDC", localDatacenter);
    conf.put("spark.cassandra.output.concurrent.writes", Integer.toString(concurrentWrites));
    conf.put("spark.cassandra.output.batch.size.bytes", Integer.toString(batchSizeBytes));
    conf.put("spark.cassandra.output.batch.size.rows", Integer.toString(batchRows));
    conf.put("spark.cassandra.output.consistency.level", consistencyLevel);
    if (throughputMbPerSec > 0) {
      conf.put("spark.cassandra.output.throughputMBPerSec", Integer.toString(throughputMbPerSec));
    }
    conf.putAll(connectorPassThrough);
    return conf;
  }
}
