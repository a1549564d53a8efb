package ssa.bench;

import com.datastax.oss.driver.api.core.CqlSession;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import ssa.config.JobSettings;
import ssa.incremental.IncrementalJob;
import ssa.incremental.IncrementalOptions;
import ssa.incremental.IncrementalReport;
import ssa.job.SparkSessions;
import ssa.parse.ParseStage;
import ssa.store.RawEventLoader;
import ssa.store.SchemaApplier;
import ssa.store.Sessions;

/**
 * Does an incremental run cost what is new, or what is stored? For each history length, loads that
 * many days of raw events and summarizes them; then three times adds one new day and times the
 * incremental run that follows (the median is reported, with the history it had); then times a full
 * re-summarization of the same table for contrast.
 *
 * <p>Arguments: history lengths in days (default 1 30), events per day (default 20000). The
 * Cassandra node comes from the job's settings (SSA_CASSANDRA_HOST / SSA_CASSANDRA_PORT).
 */
public final class IncrementalBench {
  private static final Instant FIRST_DAY = Instant.parse("2025-01-01T00:00:00Z");
  private static final int KEYS = 7;
  private static final int ROUNDS = 3;
  private static final StructType LINES =
      new StructType()
          .add(ParseStage.LINE_COLUMN, DataTypes.StringType, false)
          .add(ParseStage.RECEIVED_COLUMN, DataTypes.TimestampType, false)
          .add(ParseStage.POSITION_COLUMN, DataTypes.LongType, false);

  private record Result(
      int historyDays, long historyEvents, IncrementalReport incremental, IncrementalReport full) {}

  public static void main(String[] args) {
    List<Integer> histories = new ArrayList<>();
    int perDay = 20_000;
    for (String arg : args) {
      if (arg.startsWith("--events-per-day=")) {
        perDay = Integer.parseInt(arg.substring("--events-per-day=".length()));
      } else {
        histories.add(Integer.parseInt(arg));
      }
    }
    if (histories.isEmpty()) {
      histories = List.of(1, 30);
    }
    SparkSession spark =
        SparkSessions.start(settings("bench_incr_warmup"), "ssa-bench-incremental");
    // Warm-up, not reported: the JIT and Spark's first jobs would otherwise weigh on the first row.
    measure(spark, 1, perDay / 10, "bench_incr_warmup");
    List<Result> results = new ArrayList<>();
    for (int days : histories) {
      results.add(measure(spark, days, perDay, "bench_incr_" + days));
    }
    print(results, perDay);
    spark.stop();
  }

  private static Result measure(SparkSession spark, int historyDays, int perDay, String keyspace) {
    JobSettings settings = settings(keyspace);
    try (CqlSession session = Sessions.open(settings.cassandra())) {
      session.execute("DROP KEYSPACE IF EXISTS " + keyspace);
      SchemaApplier.apply(session, keyspace, settings.cassandra().replication());
      CqlSession raw = session;
      load(spark, settings, raw, 0, historyDays, perDay);
      IncrementalJob job = new IncrementalJob(settings);
      job.run(spark, options("bench"));
      // Three rounds of one new day then an incremental run; the median round is reported.
      List<IncrementalReport> rounds = new ArrayList<>();
      for (int round = 0; round < ROUNDS; round++) {
        load(spark, settings, raw, historyDays + round, 1, perDay);
        rounds.add(job.run(spark, options("bench")));
        System.err.println(rounds.get(round).summary());
      }
      rounds.sort(java.util.Comparator.comparing(IncrementalReport::took));
      IncrementalReport incremental = rounds.get(ROUNDS / 2);
      IncrementalReport full = job.run(spark, options("full"));
      System.err.println(full.summary());
      return new Result(historyDays, (long) historyDays * perDay, incremental, full);
    }
  }

  /** Writes {@code days} days of events from day {@code firstDay}, received a second after. */
  private static void load(
      SparkSession spark,
      JobSettings settings,
      CqlSession session,
      int firstDay,
      int days,
      int perDay) {
    long start = FIRST_DAY.toEpochMilli() + firstDay * 86_400_000L;
    long spacing = 86_400_000L / perDay;
    long from = (long) firstDay * perDay;
    Dataset<Row> lines =
        spark
            .range(from, from + (long) days * perDay)
            .map(
                (MapFunction<Long, Row>) n -> line(n, start + (n - from) * spacing),
                Encoders.row(LINES));
    RawEventLoader.load(lines, ssa.job.StreamingJob.parseStage(settings), settings, session);
  }

  private static Row line(long n, long timeMillis) {
    int status = n % 50 == 0 ? 503 : 200;
    double latency = 5 + (n * 7919 % 1000) / 10.0;
    String json =
        "{\"id\":\"b"
            + n
            + "\",\"api\":\"/api/"
            + (n % KEYS)
            + "\",\"status\":"
            + status
            + ",\"latency_ms\":"
            + latency
            + ",\"_timestamp\":"
            + timeMillis
            + "}";
    return RowFactory.create(json, new Timestamp(timeMillis + 1000), n);
  }

  private static IncrementalOptions options(String id) {
    return IncrementalOptions.parse(new String[] {"--id", id, "--period", "DAY"});
  }

  private static JobSettings settings(String keyspace) {
    return JobSettings.load(Optional.empty()).withKeyspace(keyspace);
  }

  private static void print(List<Result> results, int perDay) {
    System.out.printf(
        Locale.ROOT,
        "%nIncremental run after 1 new day (%,d events; median of %d) vs full re-summarization,"
            + " period DAY%n",
        perDay,
        ROUNDS);
    System.out.printf(
        Locale.ROOT,
        "%-8s %-10s | %-28s | %-28s | %s%n",
        "history",
        "events",
        "incremental: days/rows/s",
        "full: days/rows/s",
        "full / incremental");
    for (Result r : results) {
      System.out.printf(
          Locale.ROOT,
          "%-8s %-10s | %-28s | %-28s | %.1fx%n",
          r.historyDays() + "-" + (r.historyDays() + ROUNDS - 1) + " d",
          String.format(Locale.ROOT, "%,d+", r.historyEvents()),
          figures(r.incremental()),
          figures(r.full()),
          seconds(r.full().took()) / seconds(r.incremental().took()));
    }
  }

  private static String figures(IncrementalReport report) {
    return String.format(
        Locale.ROOT,
        "%d / %,d / %.1f",
        report.daysRead().size(),
        report.rawRowsRead(),
        seconds(report.took()));
  }

  private static double seconds(Duration d) {
    return d.toMillis() / 1000.0;
  }

  private IncrementalBench() {}
}
