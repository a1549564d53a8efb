package ssa.bench;

import com.datastax.oss.driver.api.core.CqlSession;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import ssa.config.JobSettings;
import ssa.generator.Generator;
import ssa.generator.GeneratorSettings;
import ssa.job.SparkSessions;
import ssa.job.StreamingJob;
import ssa.monitor.BatchMetrics;
import ssa.rollup.RollupStage;
import ssa.store.SchemaApplier;
import ssa.store.Sessions;
import ssa.source.LineSource;

/**
 * How fast the streaming job is on this machine: its capacity (the rate it works a backlog off
 * at), the highest generator rate it keeps up with for a whole window with no growing backlog,
 * and its end-to-end latency at half that rate. Raw events and every rollup grain are written, as
 * in production. Each probe runs the generator and the job in this JVM, Spark on local[2], against
 * the Cassandra node of the job's settings, in a fresh keyspace. The same probes then measure the
 * baselines: (a) counter columns, (b) a full recompute from events_raw each batch, (c) the raw
 * rows alone through the Java driver.
 *
 * <p>Arguments: {@code --window=SECONDS} (default 120), {@code --warmup=SECONDS} (default 30),
 * {@code --tuning} to add the table of 3 trigger intervals by 2 write concurrencies.
 */
public final class StreamingBench {
  private static final String KEYSPACE = "bench_stream";
  /** Far above what two cores can take: the job then always has a full batch waiting. */
  private static final int FLOOD_RATE = 60_000;

  /** What one probe measured over its window. */
  record Probe(
      String label, long windowSeconds, int rate, double processedPerSecond, long backlogStart, long backlogEnd,
      boolean keptUp, int batches, long p50LatencyMs, long p99LatencyMs) {}

  public static void main(String[] args) throws Exception {
    Duration window = Duration.ofSeconds(intArg(args, "--window=", 120));
    Duration warmup = Duration.ofSeconds(intArg(args, "--warmup=", 30));
    boolean tuning = List.of(args).contains("--tuning");
    SparkSession spark =
        SparkSessions.start(JobSettings.load(Optional.empty()), "ssa-bench-streaming");
    List<Probe> probes = new ArrayList<>();
    // Not reported: on a cold JVM the first probe measured up to a third less than later ones.
    probe(spark, "warm-up", FLOOD_RATE, warmup, Duration.ofSeconds(60), Map.of(), OURS);
    Probe capacity = probe(spark, "ours: capacity", FLOOD_RATE, warmup, window, Map.of(), OURS);
    probes.add(capacity);
    // The highest rate kept up with: up in steps of 15% from 90% of capacity while it keeps up,
    // down while it does not (a flooded job works in full batches, which may be slower per line).
    int rate = roundDown(capacity.processedPerSecond() * 0.9);
    int kept = 0;
    for (int step = 0; step < 6; step++) {
      Probe sustained = probe(spark, "ours: sustained", rate, warmup, window, Map.of(), OURS);
      probes.add(sustained);
      if (sustained.keptUp()) {
        kept = Math.max(kept, rate);
        rate = roundDown(rate * 1.15);
      } else if (kept > 0) {
        break;
      } else {
        rate = roundDown(rate * 0.85);
      }
    }
    int half = roundDown(Math.max(kept, 1000) / 2.0);
    probes.add(probe(spark, "ours: latency at half", half, warmup, window, Map.of(), OURS));
    Duration shortWindow = Duration.ofSeconds(Math.min(90, window.toSeconds()));
    // Ours again, flooded, with the baselines' window and right before them: the ratios compare
    // probes taken alike, one after the other.
    Probe ours = probe(spark, "ours: flooded", FLOOD_RATE, warmup, shortWindow, Map.of(), OURS);
    probes.add(ours);
    Probe counters = probe(spark, "(a) counters", FLOOD_RATE, warmup, shortWindow, Map.of(),
        (s, c) -> new CounterRollupWriter(c, s.cassandra().keyspace(), new RollupStage(s.stream())));
    probes.add(counters);
    Probe recompute = probe(spark, "(b) full recompute", FLOOD_RATE, warmup, shortWindow, Map.of(),
        (s, c) -> new RecomputeRollupWriter(s.withName(s.name() + "-recompute")));
    probes.add(recompute);
    double ceiling = rawCeiling(Duration.ofSeconds(10), Duration.ofSeconds(60));
    System.out.printf(Locale.ROOT, "%nsustained: %d events/s%n", kept);
    print(probes);
    System.out.printf(Locale.ROOT, "%n(c) raw rows through the Java driver, async: %.0f rows/s%n",
        ceiling);
    double flooded = ours.processedPerSecond();
    System.out.printf(Locale.ROOT,
        "ours / (a) counters = %.2f, ours / (b) full recompute = %.2f, ours / (c) ceiling = %.2f%n",
        flooded / counters.processedPerSecond(), flooded / recompute.processedPerSecond(),
        flooded / ceiling);
    if (tuning) {
      List<Probe> table = new ArrayList<>();
      Duration tuningWarmup = Duration.ofSeconds(20);
      Duration tuningWindow = Duration.ofSeconds(60);
      for (String trigger : List.of("1s", "5s", "15s")) {
        for (int writes : List.of(5, 20)) {
          Map<String, Object> knobs = Map.of(
              "ssa.job.trigger-interval", trigger,
              "ssa.job.cassandra.write.concurrent-writes", writes);
          String label = "trigger " + trigger + ", writes " + writes;
          table.add(probe(spark, label + ": capacity", FLOOD_RATE, tuningWarmup, tuningWindow,
              knobs, OURS));
          table.add(probe(spark, label + ": latency", half, tuningWarmup, tuningWindow, knobs,
              OURS));
        }
      }
      print(table);
    }
    spark.stop();
  }

  /** The job as it ships. */
  private static final StreamingJob.RollupWriters OURS = null;

  private static double rawCeiling(Duration warmup, Duration window) throws Exception {
    JobSettings settings = JobSettings.load(Optional.empty()).withKeyspace(KEYSPACE);
    try (CqlSession session = Sessions.open(settings.cassandra())) {
      session.execute("DROP KEYSPACE IF EXISTS " + KEYSPACE);
      SchemaApplier.apply(session, KEYSPACE, settings.cassandra().replication());
      return RawIngestCeiling.rowsPerSecond(
          session, KEYSPACE, generatorSettings(FLOOD_RATE), warmup, window);
    }
  }

  /** Runs the generator at {@code rate} and the job on it; measures over {@code window}. */
  static Probe probe(
      SparkSession spark, String label, int rate, Duration warmup, Duration window,
      Map<String, Object> jobOverrides, StreamingJob.RollupWriters writers) throws Exception {
    GeneratorSettings generated = generatorSettings(rate);
    try (Generator generator = new Generator(generated)) {
      generator.start();
      Map<String, Object> job = new HashMap<>(jobOverrides);
      job.put("ssa.job.source.port", generator.port());
      job.put("ssa.job.cassandra.keyspace", KEYSPACE);
      job.put("ssa.job.monitoring.http-port", -1);
      job.put("ssa.job.checkpoint-location",
          Files.createTempDirectory("ssa-bench-checkpoint").toUri().toString());
      JobSettings settings =
          JobSettings.load(Optional.empty(), ConfigFactory.parseMap(job));
      try (CqlSession session = Sessions.open(settings.cassandra())) {
        session.execute("DROP KEYSPACE IF EXISTS " + KEYSPACE);
        SchemaApplier.apply(session, KEYSPACE, settings.cassandra().replication());
        session.execute(CounterRollupWriter.TABLE);
      }
      StreamingJob streaming =
          writers == null ? new StreamingJob(settings) : new StreamingJob(settings, writers);
      StreamingQuery query = streaming.start(spark, LineSource.open(spark, settings.source()));
      try {
        Thread.sleep(warmup.toMillis());
        Sample start = sample(generator, streaming, rate);
        Thread.sleep(window.toMillis());
        Sample end = sample(generator, streaming, rate);
        List<BatchMetrics> batches = streaming.metrics().recent().stream()
            .filter(b -> b.batchId() > start.lastBatch() && b.batchId() <= end.lastBatch())
            .toList();
        double processed = (end.processed() - start.processed()) / seconds(end.atMillis() - start.atMillis());
        // A backlog that grew by more than what one trigger interval plus two seconds bring in
        // is growing: the job does not keep up.
        long slack = (long) (rate * (settings.triggerInterval().toMillis() / 1000.0 + 2));
        Probe probe =
            new Probe(
                label, window.toSeconds(), rate, processed, start.backlog(), end.backlog(),
                end.backlog() - start.backlog() <= slack, batches.size(),
                percentile(batches, 0.50), percentile(batches, 0.99));
        System.err.println(probe);
        return probe;
      } finally {
        query.stop();
      }
    }
  }

  private record Sample(long atMillis, long processed, long backlog, long lastBatch) {}

  private static Sample sample(Generator generator, StreamingJob job, int rate) {
    long now = System.currentTimeMillis();
    long offered = (long) ((now - generator.startMillis().orElse(now)) / 1000.0 * rate);
    long processed = job.metrics().inputRows();
    List<BatchMetrics> recent = job.metrics().recent();
    long lastBatch = recent.isEmpty() ? -1 : recent.get(recent.size() - 1).batchId();
    return new Sample(now, processed, offered - processed, lastBatch);
  }

  private static long percentile(List<BatchMetrics> batches, double p) {
    List<Long> latencies = batches.stream().map(BatchMetrics::endToEndLatencyMs)
        .filter(l -> l != null).sorted().toList();
    if (latencies.isEmpty()) {
      return -1;
    }
    return latencies.get((int) Math.min(latencies.size() - 1, Math.ceil(p * latencies.size()) - 1));
  }

  private static GeneratorSettings generatorSettings(int rate) {
    Map<String, Object> values = new HashMap<>();
    values.put("ssa.generator.port", 0);
    values.put("ssa.generator.rate", rate);
    values.put("ssa.generator.count", 0);
    values.put("ssa.generator.keys", 50);
    values.put("ssa.generator.malformed.fraction", 0.01);
    values.put("ssa.generator.out-of-order.fraction", 0.05);
    values.put("ssa.generator.out-of-order.max-delay", "2s");
    Config config =
        ConfigFactory.parseMap(values).withFallback(ConfigFactory.defaultReference()).resolve();
    return GeneratorSettings.from(config);
  }

  private static void print(List<Probe> probes) {
    System.out.printf(Locale.ROOT, "%nraw events + 5 rollup grains written; window in seconds%n");
    System.out.printf(Locale.ROOT, "%-36s %6s %8s %12s %19s %8s %7s %8s %8s%n", "probe", "window",
        "rate/s", "processed/s", "backlog start>end", "kept up", "batches", "p50 ms", "p99 ms");
    for (Probe p : probes) {
      System.out.printf(Locale.ROOT, "%-36s %6d %8d %12.0f %9d>%-9d %8s %7d %8d %8d%n",
          p.label(), p.windowSeconds(), p.rate(), p.processedPerSecond(), p.backlogStart(),
          p.backlogEnd(), p.keptUp() ? "yes" : "no", p.batches(), p.p50LatencyMs(),
          p.p99LatencyMs());
    }
  }

  private static int roundDown(double rate) {
    return (int) (Math.floor(rate / 250) * 250);
  }

  private static double seconds(long millis) {
    return millis / 1000.0;
  }

  private static int intArg(String[] args, String prefix, int otherwise) {
    for (String arg : args) {
      if (arg.startsWith(prefix)) {
        return Integer.parseInt(arg.substring(prefix.length()));
      }
    }
    return otherwise;
  }

  private StreamingBench() {}
}
