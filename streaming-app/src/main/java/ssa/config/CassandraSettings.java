package ssa.config;

import java.util.Map;

/**
 * How to reach Cassandra and how hard to write to it.
 *
 * @param consistencyLevel of every write
 * @param readConsistencyLevel of every read, each of which some write depends on (a rollup's
 *     current value, progress, the raw index, incremental state, raw events): with the writes'
 *     level, LOCAL_QUORUM both, a read sees every acknowledged write
 */
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
    String readConsistencyLevel,
    CassandraSecurity security,
    Map<String, String> connectorPassThrough) {

  /** ssa.store.VerifyingConnectionFactory, named here so that config does not depend on store. */
  static final String VERIFYING_FACTORY = "ssa.store.VerifyingConnectionFactory";

  public CassandraSettings {
    connectorPassThrough = Map.copyOf(connectorPassThrough);
  }

  /** The same, writing to another keyspace. */
  public CassandraSettings withKeyspace(String otherKeyspace) {
    return new CassandraSettings(
        host,
        port,
        localDatacenter,
        otherKeyspace,
        replication,
        concurrentWrites,
        batchRows,
        batchSizeBytes,
        throughputMbPerSec,
        consistencyLevel,
        readConsistencyLevel,
        security,
        connectorPassThrough);
  }

  /**
   * The Spark Cassandra Connector's own settings for these values, then whatever {@code
   * cassandra.connector} passes through, which wins.
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
    conf.put("spark.cassandra.input.consistency.level", readConsistencyLevel);
    if (throughputMbPerSec > 0) {
      conf.put("spark.cassandra.output.throughputMBPerSec", Integer.toString(throughputMbPerSec));
    }
    security
        .credentials()
        .ifPresent(
            c -> {
              conf.put("spark.cassandra.auth.username", c.username());
              conf.put("spark.cassandra.auth.password", c.password());
            });
    security
        .tls()
        .ifPresent(
            tls -> {
              conf.put("spark.cassandra.connection.ssl.enabled", "true");
              if (tls.hostnameVerification()) {
                conf.put("spark.cassandra.connection.factory", VERIFYING_FACTORY);
              }
              tls.truststorePath()
                  .ifPresent(
                      path -> {
                        conf.put("spark.cassandra.connection.ssl.trustStore.path", path);
                        conf.put(
                            "spark.cassandra.connection.ssl.trustStore.password",
                            tls.truststorePassword());
                        conf.put(
                            "spark.cassandra.connection.ssl.trustStore.type", tls.truststoreType());
                      });
              tls.keystorePath()
                  .ifPresent(
                      path -> {
                        conf.put("spark.cassandra.connection.ssl.clientAuth.enabled", "true");
                        conf.put("spark.cassandra.connection.ssl.keyStore.path", path);
                        conf.put(
                            "spark.cassandra.connection.ssl.keyStore.password",
                            tls.keystorePassword());
                        conf.put(
                            "spark.cassandra.connection.ssl.keyStore.type", tls.keystoreType());
                      });
            });
    conf.putAll(connectorPassThrough);
    return conf;
  }
}
