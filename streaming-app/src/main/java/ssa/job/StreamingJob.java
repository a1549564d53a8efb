package ssa.job;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.spark.connector.cql.CassandraConnector;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ssa.config.JobSetting;
import ssa.config.JobSettings;
import ssa.monitor.JobMetrics;
import ssa.monitor.MetricsServer;
import ssa.monitor.ProgressListener;
import ssa.parse.EventCopies;
import ssa.parse.ParseStage;
import ssa.parse.StreamSchema;
import ssa.publish.Alerts;
import ssa.rollup.ErrorCondition;
import ssa.rollup.RollupDefinition;
import ssa.source.LineSource;
import ssa.store.BatchStore;
import ssa.store.CassandraStore;
import ssa.store.SchemaApplier;
import ssa.store.Sessions;

/**
 * Wires the stages: the source's lines, parsed, marked by the error condition, then per batch the
 * {@link BatchHandler} with the store. Source and store are arguments, so tests run the whole path
 * on a static or in-memory source and an in-memory store.
 */
public final class StreamingJob {
  private static final Logger LOG = LoggerFactory.getLogger(StreamingJob.class);

  /** Opens the store a query writes to; the query closes it when it terminates. */
  public interface Stores {
    BatchStore open(JobSettings settings, SparkSession spark);
  }

  private final JobSettings settings;
  private final Stores stores;
  private InetSocketAddress monitoringAddress;
  private JobMetrics metrics;

  /** The job writing to Cassandra. */
  public StreamingJob(JobSettings settings) {
    this(
        settings,
        (s, spark) ->
            CassandraStore.open(s, CassandraConnector.apply(spark.sparkContext().getConf())));
  }

  public StreamingJob(JobSettings settings, Stores stores) {
    this.settings = settings;
    this.stores = stores;
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
    JobMetrics metrics = new JobMetrics(settings.name(), settings.triggerInterval());
    this.metrics = metrics;
    ProgressListener progress = new ProgressListener(settings.name(), metrics);
    BatchStore store = stores.open(settings, spark);
    spark.streams().addListener(progress);
    MetricsServer server = null;
    Alerts alerts = null;
    try {
      alerts = Alerts.start(settings.alerts(), store);
      if (settings.monitoring().enabled()) {
        server = MetricsServer.start(settings.monitoring(), metrics);
        monitoringAddress = server.address();
        LOG.info(
            "metrics on http://{}:{}/metrics and /status",
            settings.monitoring().host(),
            server.address().getPort());
      }
      StreamingQuery query =
          batches(lines)
              .writeStream()
              .queryName(settings.name())
              .trigger(Trigger.ProcessingTime(settings.triggerInterval().toMillis()))
              .option("checkpointLocation", settings.checkpointLocation())
              .foreachBatch(handler(spark, store, alerts, metrics))
              .start();
      MetricsServer started = server;
      Alerts sending = alerts;
      IdleRollupWrites idle = IdleRollupWrites.start(store, settings.coarseWriteInterval());
      spark
          .streams()
          .addListener(
              SessionCloser.register(
                  query.runId(),
                  () -> {
                    sending.close();
                    idle.close();
                    // A failed batch made the store forget what it held back, so after a
                    // failure this writes nothing; after a stop, the coarser rows of the last
                    // batches.
                    writeHeldRollups(store);
                    store.close();
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
      if (alerts != null) {
        alerts.close();
      }
      store.close();
      spark.streams().removeListener(progress);
      throw e;
    }
  }

  /**
   * The lines of a batch as the handler takes them: the line, when it was received and its
   * position; from Kafka with copies dropped, also each line's parsed row.
   */
  Dataset<Row> batches(Dataset<Row> lines) {
    Dataset<Row> read = ParseStage.inputColumns(lines);
    Duration window = settings.source().kafkaDedupeWindow();
    return settings.source().format().equals("kafka") && !window.isZero()
        ? EventCopies.dropped(read, window, parseStage(settings))
        : read;
  }

  /** The stream's error condition, resolved; fails naming the setting when it cannot be. */
  public static ErrorCondition errorCondition(SparkSession spark, StreamSchema stream) {
    try {
      return ErrorCondition.resolve(spark, stream);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          JobSetting.STREAM_ERROR_WHEN + ": " + e.getMessage(), e.getCause());
    }
  }

  /** The parse stage of a job with these settings: its stream, and its rollups' key fields. */
  public static ParseStage parseStage(JobSettings settings) {
    return new ParseStage(
        settings.stream(), settings.rollups().stream().map(RollupDefinition::groupBy).toList());
  }

  /**
   * Stops a query this class started and returns once it has written the rollup rows it held back
   * and closed its store: Spark tells its listeners that a query ended later, on a thread of its
   * own, maybe after the JVM has begun to exit.
   */
  public static void stop(StreamingQuery query) throws TimeoutException {
    try {
      query.stop();
    } finally {
      SessionCloser.closeNow(query.runId());
    }
  }

  private static void writeHeldRollups(BatchStore store) {
    try {
      store.writeHeldRollups();
    } catch (RuntimeException e) {
      // Still noted in rollup_pending: the next start rebuilds them.
      LOG.warn("Could not write the rollup rows held back; the next start rebuilds them", e);
    }
  }

  /** The handler of each micro-batch, writing to {@code store}. */
  BatchHandler handler(SparkSession spark, BatchStore store, Alerts alerts, JobMetrics metrics) {
    return new BatchHandler(
        settings.stream(),
        parseStage(settings),
        errorCondition(spark, settings.stream()),
        settings.rollups(),
        settings.allowedLateness(),
        settings.futureSkew(),
        settings.name(),
        store,
        alerts,
        metrics);
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
