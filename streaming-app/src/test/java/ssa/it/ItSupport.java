package ssa.it;

import com.datastax.oss.driver.api.core.CqlSession;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import ssa.config.JobSettings;
import ssa.config.TestConfigs;
import ssa.generator.Generator;
import ssa.generator.GeneratorSettings;
import ssa.job.StreamingJob;
import ssa.source.LineSource;
import ssa.store.SchemaApplier;
import ssa.store.Sessions;

/**
 * What the integration tests share: the Cassandra node that `run.sh test` started (port from
 * SSA_CASSANDRA_PORT), one Spark session on local[2], fresh keyspaces and checkpoints.
 */
final class ItSupport {
  private static SparkSession spark;

  static synchronized SparkSession spark(JobSettings settings) {
    if (spark == null) {
      spark =
          new StreamingJob(settings)
              .configure(SparkSession.builder().master("local[2]"))
              .config("spark.ui.enabled", false)
              .config("spark.sql.streaming.stopTimeout", 30_000)
              .getOrCreate();
    }
    return spark;
  }

  /** Job settings over reference.conf for a fresh keyspace and checkpoint. */
  static JobSettings jobSettings(String name, int sourcePort) throws Exception {
    return jobSettings(name, sourcePort, "");
  }

  /** The same, with more HOCON inside the {@code ssa.job} block. */
  static JobSettings jobSettings(String name, int sourcePort, String more) throws Exception {
    Path checkpoint = Files.createTempDirectory("ssa-it-" + name);
    return TestConfigs.settings(
        "ssa.job { name = "
            + name
            + ", source.port = "
            + sourcePort
            + ", trigger-interval = 1s, shuffle-partitions = 2, monitoring.http-port = 0"
            + ", checkpoint-location = \""
            + checkpoint.toUri()
            + "\""
            + ", cassandra.keyspace = "
            + name
            + "\n"
            + TestConfigs.cassandraFromEnvironment()
            + "\n"
            + more
            + " }");
  }

  /** Drops and re-creates the settings' keyspace from cql/schema.cql; the session stays in it. */
  static CqlSession freshKeyspace(JobSettings settings) {
    CqlSession session = Sessions.open(settings.cassandra());
    session.execute("DROP KEYSPACE IF EXISTS " + settings.cassandra().keyspace());
    SchemaApplier.apply(
        session, settings.cassandra().keyspace(), settings.cassandra().replication());
    return session;
  }

  static Generator startGenerator(GeneratorSettings settings) {
    Generator generator = new Generator(settings);
    generator.start();
    return generator;
  }

  /**
   * The generator's options of a stream as the ITs like it: a percent of malformed lines, 5% of
   * events out of order by up to {@code maxDelay}, from a fixed start time and seed.
   */
  static Map<String, Object> messyStream(
      String id, long count, int rate, int keys, long seed, String startTime, String maxDelay) {
    return Map.of(
        "count", count,
        "rate", rate,
        "keys", keys,
        "seed", seed,
        "id", id,
        "start-time", startTime,
        "malformed.fraction", 0.01,
        "out-of-order.fraction", 0.05,
        "out-of-order.max-delay", maxDelay);
  }

  /**
   * Generator settings over reference.conf, on a free port unless given; keys are relative to
   * ssa.generator.
   */
  static GeneratorSettings generatorSettings(Map<String, Object> overrides) {
    Map<String, Object> values = new java.util.HashMap<>();
    values.put("ssa.generator.port", 0);
    overrides.forEach((k, v) -> values.put("ssa.generator." + k, v));
    return GeneratorSettings.from(
        ConfigFactory.parseMap(values).withFallback(ConfigFactory.defaultReference()).resolve());
  }

  /** Lines the job has taken in so far, from its batch_stats rows. */
  static long linesProcessed(CqlSession session, String job) {
    var row = session.execute("SELECT sum(input_lines) FROM batch_stats WHERE job = ?", job).one();
    return row == null || row.isNull(0) ? 0 : row.getLong(0);
  }

  /** Events the job found later than its watermark, from its batch_stats rows. */
  static long lateEvents(CqlSession session, String job) {
    var row = session.execute("SELECT sum(late_events) FROM batch_stats WHERE job = ?", job).one();
    return row == null || row.isNull(0) ? 0 : row.getLong(0);
  }

  /**
   * Batches Spark ran again after they had been recorded (a stop between the batch's last write and
   * its checkpoint commit), as the job itself marks them in batch_stats.
   */
  /** Rows of rollup_pending: held-back rollup rows a job noted and has not written yet. */
  static long pendingNotes(CqlSession session, String job) {
    return session
        .execute("SELECT count(*) FROM rollup_pending WHERE job = ?", job)
        .one()
        .getLong(0);
  }

  static long replayedBatches(CqlSession session, String job) {
    return session.execute("SELECT replayed FROM batch_stats WHERE job = ?", job).all().stream()
        .filter(row -> !row.isNull(0) && row.getBoolean(0))
        .count();
  }

  /** Starts the job's query on its configured source, writing to the given store. */
  static StreamingQuery startQuery(JobSettings settings, StreamingJob.Stores stores)
      throws Exception {
    SparkSession spark = spark(settings);
    return new StreamingJob(settings, stores)
        .start(spark, LineSource.open(spark, settings.source()));
  }

  /** Waits until the job has taken in {@code lines} lines; fails at once if the query died. */
  static void awaitLines(StreamingQuery query, CqlSession session, String job, long lines) {
    org.awaitility.Awaitility.await()
        .atMost(PIPELINE_TIMEOUT)
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () -> {
              assertRunning(query);
              return linesProcessed(session, job) >= lines;
            });
  }

  /** Starts the job's query on its configured source; the caller stops it. */
  static StreamingQuery startQuery(JobSettings settings) throws Exception {
    SparkSession spark = spark(settings);
    return new StreamingJob(settings).start(spark, LineSource.open(spark, settings.source()));
  }

  /** Starts the job's query, waits until it has taken in {@code lines} lines, and stops it. */
  static void runUntil(JobSettings settings, CqlSession session, long lines) throws Exception {
    StreamingQuery query = startQuery(settings);
    try {
      awaitLines(query, session, settings.name(), lines);
    } finally {
      StreamingJob.stop(query);
    }
  }

  private static void assertRunning(StreamingQuery query) {
    if (!query.isActive()) {
      throw new AssertionError("query stopped", query.exception().getOrElse(() -> null));
    }
  }

  /** Waits until no new line has been taken in for a few trigger intervals. */
  static void awaitQuiet(StreamingQuery query, CqlSession session, String job) {
    long[] last = {-1};
    org.awaitility.Awaitility.await()
        .atMost(PIPELINE_TIMEOUT)
        .pollInterval(Duration.ofSeconds(4))
        .until(
            () -> {
              assertRunning(query);
              long now = linesProcessed(session, job);
              boolean quiet = now == last[0] && query.status().isDataAvailable() == false;
              last[0] = now;
              return quiet;
            });
  }

  static final Duration PIPELINE_TIMEOUT = Duration.ofMinutes(4);

  private ItSupport() {}
}
