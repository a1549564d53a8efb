package ssa.job;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.spark.connector.cql.CassandraConnector;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ssa.config.JobSettings;
import ssa.monitor.JobMetrics;
import ssa.monitor.MetricsServer;
import ssa.monitor.ProgressListener;
import ssa.parse.ParseStage;
import ssa.rollup.RollupStage;
import ssa.sink.RollupWriter;
import ssa.sink.UpsertRollupWriter;
import ssa.sink.SchemaApplier;
import ssa.sink.Sessions;
import ssa.source.LineSource;

/** Wires the stages: source, parse, then per batch the rollup and the sinks. */
public final class StreamingJob {
  private static final Logger LOG = LoggerFactory.getLogger(StreamingJob.class);

  private final JobSettings settings;
  private InetSocketAddress monitoringAddress;
  private JobMetrics metrics;

  /** Makes the rollup writer of a query, from the connector of its Spark session. */
  public interface RollupWriters {
    RollupWriter create(JobSettings settings, CassandraConnector connector);
  }

  private final RollupWriters rollupWriters;

  public StreamingJob(JobSettings settings) {
    this(
        settings,
        (s, connector) ->
            new UpsertRollupWriter(connector, s.cassandra().keyspace(), new RollupStage(s.stream())));
  }

  /** The job with another way of writing rollups: for benchmarks against the alternatives. */
  public StreamingJob(JobSettings settings, RollupWriters rollupWriters) {
    this.settings = settings;
    this.rollupWriters = rollupWriters;
  }

  /** Spark settings the job relies on; the master comes from spark-submit or the caller. */
  public SparkSession.Builder configure(SparkSession.Builder builder) {
    return SparkSessions.configure(builder, settings, "ssa-" + settings.name());
  }

  /** Makes sure the tables exist, then starts the query on the configured source. */
  public StreamingQuery start(SparkSession spark) throws TimeoutException {
    try (CqlSession session = Sessions.open(settings.cassandra())) {
      SchemaApplier.apply(
          session, settings.cassandra().keyspace(), settings.cassandra().replication());
    }
    return start(spark, LineSource.open(spark, settings.source()));
  }

  /** Starts the query on the given stream of lines (columns as {@link ParseStage} expects). */
  public StreamingQuery start(SparkSession spark, Dataset<Row> lines) throws TimeoutException {
    JobMetrics metrics = new JobMetrics(settings.name());
    this.metrics = metrics;
    BatchProcessor batches =
        new BatchProcessor(
            settings,
            rollupWriters.create(settings, CassandraConnector.apply(spark.sparkContext().getConf())),
            metrics);
    ProgressListener progress = new ProgressListener(settings.name(), metrics);
    spark.streams().addListener(progress);
    MetricsServer server = null;
    try {
      if (settings.monitoring().enabled()) {
        server = MetricsServer.start(settings.monitoring(), metrics);
        monitoringAddress = server.address();
        LOG.info(
            "metrics on http://{}:{}/metrics and /status", settings.monitoring().host(),
            server.address().getPort());
      }
      StreamingQuery query =
          new ParseStage(settings.stream())
              .apply(lines)
              .writeStream()
              .queryName(settings.name())
              .trigger(Trigger.ProcessingTime(settings.triggerInterval().toMillis()))
              .option("checkpointLocation", settings.checkpointLocation())
              .foreachBatch(batches)
              .start();
      MetricsServer started = server;
      spark.streams().addListener(new SessionCloser(query.id(), () -> {
        batches.close();
        if (started != null) {
          started.close();
        }
        spark.streams().removeListener(progress);
      }));
      return query;
    } catch (RuntimeException | TimeoutException e) {
      if (server != null) {
        server.close();
      }
      spark.streams().removeListener(progress);
      throw e;
    }
  }

  /** The figures of the last query started; null before one is. */
  public JobMetrics metrics() {
    return metrics;
  }

  /** Where the last query started serves its figures, if it does. */
  public Optional<InetSocketAddress> monitoringAddress() {
    return Optional.ofNullable(monitoringAddress);
  }
}
