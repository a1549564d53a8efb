package ssa.bench;

import static ssa.bench.JobProbe.say;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.cql.Row;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import ssa.bench.BatchWindow.Batch;
import ssa.bench.BatchWindow.Fit;
import ssa.bench.JobProbe.Result;
import ssa.bench.JobProbe.Spec;
import ssa.config.CassandraSettings;
import ssa.config.JobSettings;
import ssa.generator.GeneratorSettings;
import ssa.store.Sessions;

/**
 * The streaming job measured from the outside, as users run it: for each probe the generator in its
 * own JVM and the job through {@code <app-root>/run.sh submit}, knobs set through the job's
 * environment variables, figures read back from the job's {@code batch_stats} table, the
 * generator's {@code LATEST} answer and the job's {@code /metrics}. Beside it, on the same node,
 * the ceiling: the same raw rows through the Java driver alone. See bench/README.md.
 *
 * <p>Run with {@code bench/streaming.sh [OPTIONS]}; {@code --help} lists the options.
 */
public final class SubmittedStreamingBench {
  private static final List<String> SECTIONS =
      List.of("capacity", "sketches", "sustained", "latency", "ceiling", "tuning");

  /**
   * The rollups of the "sketches" section's second capacity probe: per api with plain figures only
   * (count, errors, sum, min, max, avg of latency_ms), as before rollup definitions existed.
   */
  private static final String PLAIN_ROLLUPS =
      "ssa.job.rollup.definitions = [\n"
          + "  { name = \"per_api\", group-by = [\"api\"], measures = [\"latency_ms\"] }\n"
          + "]\n";

  private static final String CEILING_KEYSPACE = "bench_submitted_ceiling";
  private static final String REPLICATION = "{'class': 'SimpleStrategy', 'replication_factor': 1}";

  /** The local cluster's keyspaces (conf/cluster.conf): every row on its three nodes. */
  private static final String CLUSTER_REPLICATION =
      "{'class': 'NetworkTopologyStrategy', 'datacenter1': 3}";

  /** Rate of the calibration probe, which only needs one big batch. */
  private static final long CALIBRATION_RATE = 20_000;

  /** A flooded probe's rate against the calibrated lines/s: far enough above to stay behind. */
  private static final double FLOOD_FACTOR = 1.5;

  /**
   * Capacity probes at most, each at twice the rate of the last until one is flooded: at 5,000 keys
   * the cold calibration said a sixth of the warm job's rate, and three probes (run 4) stopped at a
   * lower bound, which started the sustained search far below what the job keeps up with.
   */
  private static final int CAPACITY_ATTEMPTS = 5;

  /** The command line, with its defaults. */
  record Options(
      Path appRoot,
      Path benchRoot,
      String label,
      Duration window,
      Duration warmup,
      List<Integer> keys,
      boolean quick,
      Set<String> only,
      String cassandraHost,
      int cassandraPort,
      String localDc,
      int sourcePort,
      int monitoringPort,
      long cap,
      long floodRate,
      long latencyRate,
      Duration ceilingWindow,
      Duration ceilingWarmup,
      boolean cluster) {

    /** Of the job's keyspaces and the ceiling's. */
    String replication() {
      return cluster ? CLUSTER_REPLICATION : REPLICATION;
    }

    static Options parse(String[] args) {
      Map<String, String> given = new LinkedHashMap<>();
      for (String arg : args) {
        if (arg.equals("--help") || arg.equals("-h")) {
          System.out.print(usage());
          System.exit(0);
        }
        if (!arg.startsWith("--")) {
          throw new IllegalArgumentException("unknown argument '" + arg + "'");
        }
        int eq = arg.indexOf('=');
        given.put(
            eq < 0 ? arg.substring(2) : arg.substring(2, eq), eq < 0 ? "" : arg.substring(eq + 1));
      }
      Set<String> known =
          Set.of(
              "app-root",
              "label",
              "window",
              "warmup",
              "keys",
              "quick",
              "only",
              "cassandra-host",
              "cassandra-port",
              "source-port",
              "monitoring-port",
              "cap",
              "flood-rate",
              "latency-rate",
              "ceiling-window",
              "ceiling-warmup",
              "cluster");
      for (String name : given.keySet()) {
        if (!known.contains(name)) {
          throw new IllegalArgumentException("unknown option --" + name + " (see --help)");
        }
      }
      boolean quick = given.containsKey("quick");
      Path benchRoot = Path.of(System.getProperty("ssa.root", ".")).toAbsolutePath().normalize();
      Path appRoot =
          given.containsKey("app-root")
              ? Path.of(given.get("app-root")).toAbsolutePath().normalize()
              : benchRoot;
      Set<String> only = new LinkedHashSet<>();
      if (given.containsKey("only")) {
        for (String s : given.get("only").split(",")) {
          if (!SECTIONS.contains(s.trim())) {
            throw new IllegalArgumentException(
                "--only takes " + String.join(",", SECTIONS) + "; not '" + s + "'");
          }
          only.add(s.trim());
        }
      } else {
        only.addAll(SECTIONS);
      }
      List<Integer> keys =
          Arrays.stream(given.getOrDefault("keys", "50,5000").split(","))
              .map(String::trim)
              .map(Integer::parseInt)
              .toList();
      String env = System.getenv().getOrDefault("SSA_CASSANDRA_PORT", "9042");
      boolean cluster = given.containsKey("cluster");
      // The cluster's first node (LocalCassandra.clusterAddress(1)); the single node's otherwise.
      String defaultHost = cluster ? "127.0.0.2" : "127.0.0.1";
      return new Options(
          appRoot,
          benchRoot,
          given.getOrDefault("label", "run"),
          seconds(given, "window", quick ? 20 : 120),
          seconds(given, "warmup", quick ? 10 : 30),
          keys,
          quick,
          only,
          given.getOrDefault(
              "cassandra-host", System.getenv().getOrDefault("SSA_CASSANDRA_HOST", defaultHost)),
          Integer.parseInt(given.getOrDefault("cassandra-port", env)),
          System.getenv().getOrDefault("SSA_CASSANDRA_DC", "datacenter1"),
          Integer.parseInt(given.getOrDefault("source-port", "19999")),
          Integer.parseInt(given.getOrDefault("monitoring-port", "19405")),
          Long.parseLong(given.getOrDefault("cap", "10000000")),
          Long.parseLong(given.getOrDefault("flood-rate", "0")),
          Long.parseLong(given.getOrDefault("latency-rate", "0")),
          seconds(given, "ceiling-window", quick ? 5 : 20),
          seconds(given, "ceiling-warmup", quick ? 2 : 5),
          cluster);
    }

    private static Duration seconds(Map<String, String> given, String name, long otherwise) {
      return Duration.ofSeconds(Long.parseLong(given.getOrDefault(name, Long.toString(otherwise))));
    }

    /** The window of capacity, latency and tuning probes: steady after a warm-up, so shorter. */
    Duration shortWindow() {
      return window.compareTo(Duration.ofSeconds(60)) < 0 ? window : Duration.ofSeconds(60);
    }

    static String usage() {
      return """
          usage: bench/streaming.sh [OPTIONS]    (= ./run.sh bench streaming [OPTIONS])
            --app-root=DIR        checkout whose run.sh and jars are measured (default: this one)
            --label=NAME          names the results file bench/results-DATE-streaming-NAME.txt (run)
            --window=SECONDS      measured window of a sustained probe (120); capacity, latency
                                  and tuning probes take at most 60 s of it
            --warmup=SECONDS      unreported warm-up before each window, from the job's first batch (30)
            --keys=50,5000        key counts, each measured on its own
            --quick               smoke test: windows 20 s, warm-up 10 s, one probe per step
            --only=capacity,sketches,sustained,latency,ceiling,tuning   sections to run (default
                                  all); sketches: capacity again with plain rollups beside it
            --cap=LINES           SSA_MAX_LINES_PER_BATCH of every probe (10000000: never binds)
            --flood-rate=N        generator rate of flooded probes (default: 1.5 x a calibration)
            --latency-rate=N      generator rate of the latency probes (default: half the sustained
                                  rate, else half the capacity), e.g. an earlier run's, to compare
            --ceiling-window=S    measured window of each ceiling combination (20; quick 5)
            --ceiling-warmup=S    warm-up of each ceiling combination (5; quick 2)
            --cassandra-host=H --cassandra-port=P   (SSA_CASSANDRA_HOST / SSA_CASSANDRA_PORT)
            --cluster             the job on the local cluster (./run.sh cluster start first): run.sh
                                  cluster submit, checkpoints on its HDFS, the job's and the ceiling's
                                  keyspaces at replication factor 3 (Cassandra host 127.0.0.2)
            --source-port=P       first generator port (19999); --monitoring-port=P first /metrics port (19405)
          Login and TLS come from the job's own settings (SSA_CASSANDRA_USERNAME, SSA_CASSANDRA_PASSWORD,
          SSA_CASSANDRA_TLS, SSA_CASSANDRA_TRUSTSTORE, ...), for the bench's session and the jobs it submits alike.
          """;
    }
  }

  private final Options options;
  private final CqlSession session;
  private final JobProbe.Context context;
  private int probeIndex;
  private final List<String> notes = new ArrayList<>();
  final List<Result> probes = new ArrayList<>();
  final Map<Integer, Summary> summaries = new LinkedHashMap<>();
  final List<RawIngestCeiling.Result> ceilings = new ArrayList<>();

  /** The figures of one key count, as the sections find them. */
  static final class Summary {
    final int keys;
    long floodRate;
    double calibrated = Double.NaN;
    Result capacity;

    /** Capacity with the plain rollups of {@link #PLAIN_ROLLUPS}, beside the default ones. */
    Result plainCapacity;

    long sustained = -1;
    long sustainedFailedAt = -1;
    final List<Result> sustainedProbes = new ArrayList<>();
    long latencyRate = -1;
    String latencyRateFrom;
    Result latency1s;
    Result latency5s;
    RawIngestCeiling.Result bestBatched;
    RawIngestCeiling.Result bestSingle;

    /** The best batched combination again, over the sustained probes' window. */
    RawIngestCeiling.Result sustainedBatched;

    final List<Result> tuning = new ArrayList<>();

    Summary(int keys) {
      this.keys = keys;
    }
  }

  SubmittedStreamingBench(Options options, CqlSession session, Path logDir) {
    this.options = options;
    this.session = session;
    this.context =
        new JobProbe.Context(
            options.appRoot(),
            logDir,
            options.cassandraHost(),
            options.cassandraPort(),
            session,
            new JobProbe.PortPicker(options.sourcePort()),
            new JobProbe.PortPicker(options.monitoringPort()),
            options.cluster(),
            options.replication());
  }

  public static void main(String[] args) throws Exception {
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("streaming bench: " + e.getMessage());
      System.err.print(Options.usage());
      System.exit(2);
      return;
    }
    if (!Files.isExecutable(options.appRoot().resolve("run.sh"))) {
      System.err.println("streaming bench: no run.sh in " + options.appRoot());
      System.exit(2);
    }
    String started = LocalDate.now().toString();
    Path logDir =
        options
            .benchRoot()
            .resolve(
                ".ssa/logs/bench-streaming-"
                    + options.label()
                    + "-"
                    + System.currentTimeMillis() / 1000);
    Files.createDirectories(logDir);
    build(options, logDir);
    try (CqlSession session = open(options, Duration.ofSeconds(60), ConsistencyLevel.LOCAL_ONE)) {
      SubmittedStreamingBench bench = new SubmittedStreamingBench(options, session, logDir);
      bench.dropLeftovers();
      bench.runAll();
      String report = bench.report(started);
      System.out.println();
      System.out.println(report);
      Path results =
          options
              .benchRoot()
              .resolve("bench/results-" + started + "-streaming-" + options.label() + ".txt");
      Files.writeString(results, report, StandardCharsets.UTF_8);
      say("results written to %s (probe logs in %s)", results, logDir);
    }
  }

  /** {@code <app-root>/run.sh build} once, so no probe's submit spends its time building. */
  private static void build(Options options, Path logDir) throws IOException, InterruptedException {
    say("building %s (./run.sh build)", options.appRoot());
    Map<String, String> env = new LinkedHashMap<>();
    env.put("SSA_HOME", null);
    env.put("SSA_CONF", null);
    ChildProcess build =
        ChildProcess.start(
            "build",
            List.of(options.appRoot().resolve("run.sh").toString(), "build"),
            env,
            options.appRoot(),
            logDir.resolve("build.log"));
    while (build.alive()) {
      Thread.sleep(500);
    }
    if (build.exitCode() != 0) {
      System.err.println(build.tail(30));
      throw new IllegalStateException("the build of " + options.appRoot() + " failed");
    }
    build.stop(Duration.ofSeconds(1));
    if (!Files.exists(options.appRoot().resolve(JobProbe.GENERATOR_JAR))) {
      throw new IllegalStateException("no " + JobProbe.GENERATOR_JAR + " in " + options.appRoot());
    }
  }

  static CqlSession open(Options options, Duration timeout, ConsistencyLevel consistency) {
    // The job's own settings reader gives the login and TLS, so the bench connects wherever the
    // job it measures can (SSA_CASSANDRA_USERNAME, SSA_CASSANDRA_TRUSTSTORE, ...).
    CassandraSettings cassandra = JobSettings.load(Optional.empty()).cassandra();
    CqlSessionBuilder builder =
        Sessions.secured(cassandra.security())
            .addContactPoint(
                new InetSocketAddress(options.cassandraHost(), options.cassandraPort()))
            .withLocalDatacenter(options.localDc())
            .withConfigLoader(
                DriverConfigLoader.programmaticBuilder()
                    .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, timeout)
                    .withDuration(
                        DefaultDriverOption.METADATA_SCHEMA_REQUEST_TIMEOUT, Duration.ofSeconds(60))
                    .withDuration(
                        DefaultDriverOption.CONTROL_CONNECTION_AGREEMENT_TIMEOUT,
                        Duration.ofSeconds(60))
                    .withString(DefaultDriverOption.REQUEST_CONSISTENCY, consistency.name())
                    // Batches over 5 KiB draw a warning per request; the count is what matters
                    // here.
                    .withBoolean(DefaultDriverOption.REQUEST_LOG_WARNINGS, false)
                    .build());
    try {
      return builder.build();
    } catch (AllNodesFailedException e) {
      throw new IllegalStateException("bench: " + Sessions.whyNotConnected(e, cassandra));
    }
  }

  private void dropLeftovers() {
    for (Row row : session.execute("SELECT keyspace_name FROM system_schema.keyspaces")) {
      String name = row.getString("keyspace_name");
      if (name.startsWith("bench_submitted_")) {
        say("dropping %s, left over from an earlier run", name);
        session.execute("DROP KEYSPACE IF EXISTS " + name);
      }
    }
  }

  private boolean selected(String section) {
    return options.only().contains(section);
  }

  private void runAll() throws Exception {
    say(
        "app root %s (%s); keys %s; sections %s; window %d s, warm-up %d s%s",
        options.appRoot(),
        gitDescription(options.appRoot()),
        options.keys(),
        options.only(),
        options.window().toSeconds(),
        options.warmup().toSeconds(),
        options.quick() ? ", quick" : "");
    for (int keys : options.keys()) {
      Summary s = new Summary(keys);
      summaries.put(keys, s);
      boolean needCapacity =
          selected("capacity")
              || selected("sketches")
              || selected("sustained")
              || (selected("latency") && !selected("sustained") && options.latencyRate() <= 0);
      if (needCapacity && !selected("capacity")) {
        note(
            "capacity at "
                + keys
                + " keys was measured because "
                + (selected("sustained") ? "the sustained search" : "the latency rate")
                + " needs it");
      }
      if (needCapacity || selected("tuning")) {
        floodRate(s);
      }
      if (needCapacity) {
        // Flooded: a batch was running nearly all the window, so the job never waited for
        // lines. The cold calibration can say far less than the warm job does, and the shared
        // machine's load varies: a probe that was not flooded runs again at twice the rate.
        String label = "capacity (flooded)";
        for (int attempt = 0; attempt < CAPACITY_ATTEMPTS; attempt++) {
          s.capacity =
              probe(spec("capacity", label, keys, s.floodRate, "5s", null, options.shortWindow()));
          if (!s.capacity.ok() || flooded(s.capacity)) {
            break;
          }
          String busy = String.format(Locale.ROOT, "%.0f%%", 100 * s.capacity.busy());
          if (attempt == CAPACITY_ATTEMPTS - 1) {
            note(
                "the capacity probe at "
                    + keys
                    + " keys was busy "
                    + busy
                    + " of its window at"
                    + " "
                    + s.floodRate
                    + "/s: not flooded, its figure is a lower bound");
            break;
          }
          note(
              "the capacity probe at "
                  + keys
                  + " keys was busy only "
                  + busy
                  + " of its window"
                  + " at "
                  + s.floodRate
                  + "/s (not flooded); measured again at "
                  + 2 * s.floodRate
                  + "/s");
          s.floodRate *= 2;
          label = "capacity (flooded, again at 2x)";
        }
        if (s.capacity.ok()) {
          // Later flooded probes from the warm figure, which the cold calibration underestimates.
          s.floodRate =
              Math.max(s.floodRate, roundRate(FLOOD_FACTOR * s.capacity.processedPerSecond()));
        }
      }
      if (selected("sketches") && s.capacity.ok()) {
        s.plainCapacity =
            probe(
                spec(
                        "sketches",
                        "capacity (flooded), plain rollups",
                        keys,
                        s.floodRate,
                        "5s",
                        null,
                        options.shortWindow())
                    .withJobConf(plainRollupsConf()));
      }
      if (selected("sustained") && s.capacity.ok()) {
        sustained(s);
      }
      if (selected("latency")) {
        latency(s);
      }
      if (selected("ceiling")) {
        ceiling(s);
      }
    }
    if (selected("tuning")) {
      // At the first key count only: the table compares knobs, and each probe costs minutes.
      for (Summary s : summaries.values().stream().limit(1).toList()) {
        for (String trigger : List.of("1s", "5s", "15s")) {
          for (int writes : List.of(5, 20)) {
            s.tuning.add(
                probe(
                    spec(
                        "tuning",
                        "tuning: trigger " + trigger + ", writes " + writes,
                        s.keys,
                        s.floodRate,
                        trigger,
                        writes,
                        options.shortWindow())));
          }
        }
      }
    }
  }

  /** The checkout's conf/application.conf with {@link #PLAIN_ROLLUPS} over it. */
  private Path plainRollupsConf() throws IOException {
    Path conf = context.logDir().resolve("plain-rollups.conf");
    Files.writeString(
        conf,
        "include file(\""
            + options.appRoot().resolve("conf/application.conf")
            + "\")\n"
            + PLAIN_ROLLUPS,
        StandardCharsets.UTF_8);
    return conf;
  }

  private static String capacityCell(Result capacity) {
    if (capacity == null) {
      return "not run";
    }
    if (!capacity.ok()) {
      return "failed";
    }
    return String.format(
        Locale.ROOT,
        "%,.0f (busy %.0f%%%s)",
        capacity.processedPerSecond(),
        100 * capacity.busy(),
        flooded(capacity) ? "" : ", not flooded: a lower bound");
  }

  /** A batch ran at least 90% of the window: the gaps are the job's own planning and commits. */
  static boolean flooded(Result r) {
    return r.ok() && r.busy() >= 0.9;
  }

  private void floodRate(Summary s) {
    if (options.floodRate() > 0) {
      s.floodRate = options.floodRate();
      return;
    }
    Spec calibration =
        new Spec(
            "calibration",
            "calibration (not reported)",
            s.keys,
            CALIBRATION_RATE,
            "5s",
            null,
            options.cap(),
            Duration.ZERO,
            Duration.ZERO,
            true,
            null);
    Result r = new JobProbe(context, calibration, ++probeIndex).run();
    if (r.ok()) {
      s.calibrated = r.calibratedLinesPerSecond();
      s.floodRate = Math.max(2_000, roundRate(FLOOD_FACTOR * s.calibrated));
    } else {
      s.floodRate = CALIBRATION_RATE;
      note(
          "the calibration at "
              + s.keys
              + " keys failed ("
              + r.error()
              + "); flooded at "
              + CALIBRATION_RATE
              + "/s");
    }
    say("flooded probes at %,d keys run the generator at %,d/s", s.keys, s.floodRate);
  }

  private void sustained(Summary s) {
    long rate = roundRate(0.9 * s.capacity.processedPerSecond());
    int maxProbes = options.quick() ? 1 : 4;
    for (int i = 0; i < maxProbes && rate > 0; i++) {
      Result r = probe(spec("sustained", "sustained", s.keys, rate, "5s", null, options.window()));
      s.sustainedProbes.add(r);
      if (!r.ok()) {
        break;
      }
      if (r.keptUp()) {
        s.sustained = Math.max(s.sustained, rate);
      } else {
        s.sustainedFailedAt = s.sustainedFailedAt < 0 ? rate : Math.min(s.sustainedFailedAt, rate);
      }
      rate = nextSustainedRate(s.sustained, s.sustainedFailedAt);
    }
  }

  /**
   * The next rate of the sustained search: 15% up from the best rate kept up until one fails, 15%
   * down from the lowest that failed until one keeps up, then halfway between the two; -1 once they
   * are within 5%, so a figure is never more than 5% under what the job sustains.
   *
   * @param keptUp the highest rate kept up so far, or 0
   * @param failed the lowest rate that failed so far, or -1
   */
  static long nextSustainedRate(long keptUp, long failed) {
    if (failed < 0) {
      return roundRate(keptUp * 1.15);
    }
    if (keptUp <= 0) {
      return roundRate(failed * 0.85);
    }
    if (failed - keptUp <= 0.05 * keptUp) {
      return -1;
    }
    return roundRate((keptUp + failed) / 2.0);
  }

  private void latency(Summary s) {
    if (options.latencyRate() > 0) {
      s.latencyRate = options.latencyRate();
      s.latencyRateFrom = "given (--latency-rate)";
    } else if (s.sustained > 0) {
      s.latencyRate = roundRate(s.sustained / 2.0);
      s.latencyRateFrom = "half the sustained rate";
    } else if (s.capacity != null && s.capacity.ok()) {
      s.latencyRate = roundRate(s.capacity.processedPerSecond() / 2.0);
      s.latencyRateFrom =
          selected("sustained")
              ? "half the capacity (no sustained rate found)"
              : "half the capacity (sustained not run)";
    } else {
      note("latency at " + s.keys + " keys not measured: no capacity or sustained rate");
      return;
    }
    s.latency1s =
        probe(
            spec(
                "latency",
                "latency, trigger 1 s",
                s.keys,
                s.latencyRate,
                "1s",
                null,
                options.shortWindow()));
    s.latency5s =
        probe(
            spec(
                "latency",
                "latency, trigger 5 s",
                s.keys,
                s.latencyRate,
                "5s",
                null,
                options.shortWindow()));
  }

  private Spec spec(
      String section,
      String label,
      int keys,
      long rate,
      String trigger,
      Integer writes,
      Duration window) {
    return new Spec(
        section,
        label,
        keys,
        rate,
        trigger,
        writes,
        options.cap(),
        options.warmup(),
        window,
        false,
        null);
  }

  private Result probe(Spec spec) {
    Result r = new JobProbe(context, spec, ++probeIndex).run();
    probes.add(r);
    return r;
  }

  private void ceiling(Summary s) throws InterruptedException {
    List<int[]> combos = new ArrayList<>();
    if (options.quick()) {
      combos.add(new int[] {50, 128});
      combos.add(new int[] {1, 128});
    } else {
      // 500 as the job's own default; 10 was never the best in any run.
      for (int rows : List.of(50, 100, 500)) {
        for (int inFlight : List.of(32, 128, 512)) {
          combos.add(new int[] {rows, inFlight});
        }
      }
      for (int inFlight : List.of(32, 128, 512)) {
        combos.add(new int[] {1, inFlight});
      }
    }
    String table = eventsRawTable();
    GeneratorSettings events =
        GeneratorSettings.load(
            "--keys",
            Integer.toString(s.keys),
            "--rate",
            Long.toString(s.floodRate > 0 ? s.floodRate : CALIBRATION_RATE),
            "--port",
            "0");
    try (CqlSession writer = open(options, Duration.ofSeconds(10), ConsistencyLevel.LOCAL_QUORUM)) {
      writer.execute(
          "CREATE KEYSPACE IF NOT EXISTS "
              + CEILING_KEYSPACE
              + " WITH replication = "
              + options.replication());
      for (int[] combo : combos) {
        writer.execute("DROP TABLE IF EXISTS " + CEILING_KEYSPACE + ".events_raw");
        writer.execute(table);
        RawIngestCeiling.Result r =
            RawIngestCeiling.measure(
                writer,
                CEILING_KEYSPACE,
                "events_raw",
                events,
                combo[0],
                combo[1],
                options.ceilingWarmup(),
                options.ceilingWindow());
        say(
            "ceiling, %,d keys, %s, %d in flight: %,.0f rows/s, %d of %d statements failed%s",
            s.keys,
            r.batched() ? r.rowsPerStatement() + " rows/batch" : "single-row",
            r.inFlight(),
            r.rowsPerSecond(),
            r.failedStatements(),
            r.statements(),
            r.firstError() == null ? "" : " (" + r.firstError() + ")");
        ceilings.add(r);
        try {
          Files.writeString(
              context.logDir().resolve("ceiling.txt"),
              r + "\n",
              java.nio.file.StandardOpenOption.CREATE,
              java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
          say("could not keep the ceiling figures: %s", e.getMessage());
        }
        if (r.batched()) {
          if (s.bestBatched == null || r.rowsPerSecond() > s.bestBatched.rowsPerSecond()) {
            s.bestBatched = r;
          }
        } else if (s.bestSingle == null || r.rowsPerSecond() > s.bestSingle.rowsPerSecond()) {
          s.bestSingle = r;
        }
      }
      if (s.bestBatched != null && !options.quick()) {
        // The combinations above each start on an empty table for a short window, so compaction
        // has not begun; the job's sustained probes run 2 minutes on a growing table. The best
        // combination again over the same window as those, for the like-for-like ratio.
        writer.execute("DROP TABLE IF EXISTS " + CEILING_KEYSPACE + ".events_raw");
        writer.execute(table);
        s.sustainedBatched =
            RawIngestCeiling.measure(
                writer,
                CEILING_KEYSPACE,
                "events_raw",
                events,
                s.bestBatched.rowsPerStatement(),
                s.bestBatched.inFlight(),
                options.ceilingWarmup(),
                options.window());
        say(
            "ceiling sustained, %,d keys, %d rows/batch, %d in flight, %d s: %,.0f rows/s, %d of %d"
                + " statements failed",
            s.keys,
            s.sustainedBatched.rowsPerStatement(),
            s.sustainedBatched.inFlight(),
            options.window().toSeconds(),
            s.sustainedBatched.rowsPerSecond(),
            s.sustainedBatched.failedStatements(),
            s.sustainedBatched.statements());
      }
      writer.execute("DROP KEYSPACE IF EXISTS " + CEILING_KEYSPACE);
    }
  }

  /** The app's own events_raw definition (cql/schema.cql), in the ceiling's keyspace. */
  private String eventsRawTable() {
    Path schema = options.appRoot().resolve("cql/schema.cql");
    try {
      StringBuilder current = new StringBuilder();
      for (String line : Files.readAllLines(schema, StandardCharsets.UTF_8)) {
        String code = line.strip();
        if (code.startsWith("--") || code.isEmpty()) {
          continue;
        }
        current.append(code).append('\n');
        if (code.endsWith(";")) {
          String statement = current.toString().trim();
          current.setLength(0);
          if (statement.matches("(?s)CREATE TABLE IF NOT EXISTS events_raw\\b.*")) {
            return statement
                .replaceFirst("events_raw", CEILING_KEYSPACE + ".events_raw")
                .replaceAll(";$", "");
          }
        }
      }
    } catch (IOException e) {
      // Below.
    }
    note("no events_raw table in " + schema + ": the ceiling used the bench's own copy");
    return "CREATE TABLE IF NOT EXISTS "
        + CEILING_KEYSPACE
        + ".events_raw (key text, day date, hour tinyint,"
        + " event_time timestamp, id text, received_at timestamp,"
        + " measures frozen<map<text, double>>, attributes frozen<map<text, text>>,"
        + " PRIMARY KEY ((key, day, hour), event_time, id))"
        + " WITH CLUSTERING ORDER BY (event_time DESC, id ASC)";
  }

  void note(String text) {
    notes.add(text);
    say("note: %s", text);
  }

  // ---------------------------------------------------------------------------------------------
  // The report
  // ---------------------------------------------------------------------------------------------

  String report(String date) {
    StringBuilder out = new StringBuilder();
    line(out, "# Streaming bench (submitted job), %s, label '%s'", date, options.label());
    line(out, "");
    line(out, "- app root: `%s` (%s)", options.appRoot(), gitDescription(options.appRoot()));
    line(
        out,
        "- bench: `ssa.bench.SubmittedStreamingBench` from `%s` (%s)",
        options.benchRoot(),
        gitDescription(options.benchRoot()));
    line(
        out,
        "- Cassandra %s:%d (keyspaces %s); %d cores; job: %s, SSA_MAX_LINES_PER_BATCH=%,d",
        options.cassandraHost(),
        options.cassandraPort(),
        options.replication(),
        Runtime.getRuntime().availableProcessors(),
        options.cluster()
            ? "`run.sh cluster submit` (Spark standalone, 2 executors of 1 core, checkpoint on"
                + " HDFS; 3 Cassandra nodes)"
            : "`run.sh submit` (local[2], its default JVM)",
        options.cap());
    line(
        out,
        "- windows %d s (tuning %d s), warm-up %d s from the job's first batch; sections %s%s",
        options.window().toSeconds(),
        options.shortWindow().toSeconds(),
        options.warmup().toSeconds(),
        String.join(",", options.only()),
        options.quick() ? "; --quick" : "");
    line(out, "- arguments: `%s`", String.join(" ", argsEcho()));
    line(out, "");
    summaryTable(out);
    probeTable(out);
    ceilingTable(out);
    fitTable(out);
    tuningTable(out);
    if (!notes.isEmpty()) {
      line(out, "## Notes");
      line(out, "");
      for (String n : notes) {
        line(out, "- %s", n);
      }
      line(out, "");
    }
    return out.toString();
  }

  private List<String> argsEcho() {
    List<String> a = new ArrayList<>();
    a.add("--app-root=" + options.appRoot());
    a.add("--label=" + options.label());
    a.add("--keys=" + String.join(",", options.keys().stream().map(String::valueOf).toList()));
    a.add("--only=" + String.join(",", options.only()));
    a.add("--window=" + options.window().toSeconds());
    a.add("--warmup=" + options.warmup().toSeconds());
    if (options.quick()) {
      a.add("--quick");
    }
    if (options.floodRate() > 0) {
      a.add("--flood-rate=" + options.floodRate());
    }
    if (options.latencyRate() > 0) {
      a.add("--latency-rate=" + options.latencyRate());
    }
    return a;
  }

  private void summaryTable(StringBuilder out) {
    line(out, "## Summary");
    line(out, "");
    StringBuilder head = new StringBuilder("| figure |");
    StringBuilder rule = new StringBuilder("|---|");
    for (int keys : summaries.keySet()) {
      head.append(String.format(Locale.ROOT, " %,d keys |", keys));
      rule.append("---|");
    }
    head.append(" target |");
    rule.append("---|");
    line(out, "%s", head);
    line(out, "%s", rule);
    row(out, "capacity, flooded (lines/s)", s -> capacityCell(s.capacity), "");
    row(
        out,
        "capacity, plain rollups (per_api: counts, sum/min/max/avg only)",
        s -> capacityCell(s.plainCapacity),
        "");
    row(
        out,
        "default rollups (sketches, 2 definitions) / plain rollups",
        s ->
            s.plainCapacity == null
                    || !s.plainCapacity.ok()
                    || s.capacity == null
                    || !s.capacity.ok()
                ? "n/a"
                : String.format(
                    Locale.ROOT,
                    "%.2f",
                    s.capacity.processedPerSecond() / s.plainCapacity.processedPerSecond()),
        "");
    row(
        out,
        "generator rate of flooded probes (/s)",
        s -> s.floodRate > 0 ? String.format(Locale.ROOT, "%,d", s.floodRate) : "",
        "");
    row(
        out,
        "any batch at the cap",
        s -> {
          List<Result> mine =
              probes.stream().filter(r -> r.spec().keys() == s.keys && r.ok()).toList();
          if (mine.isEmpty()) {
            return "";
          }
          long at = mine.stream().mapToLong(Result::batchesAtCap).sum();
          long max = mine.stream().mapToLong(Result::maxBatchLines).max().orElse(0);
          return (at > 0 ? "yes, " + at + " batches" : "no")
              + String.format(Locale.ROOT, " (largest %,d lines)", max);
        },
        "no");
    row(
        out,
        "sustained (events/s, backlog not growing)",
        s ->
            s.sustained > 0
                ? String.format(Locale.ROOT, "%,d", s.sustained)
                : s.sustainedProbes.isEmpty()
                    ? "not run"
                    : s.sustainedFailedAt > 0
                        ? String.format(Locale.ROOT, "< %,d", s.sustainedFailedAt)
                        : "failed",
        "");
    row(
        out,
        "latency rate (events/s)",
        s ->
            s.latencyRate > 0
                ? String.format(Locale.ROOT, "%,d (%s)", s.latencyRate, s.latencyRateFrom)
                : "not run",
        "");
    row(out, "latency p50 / p99, trigger 1 s", s -> latencyCell(s.latency1s), "p99 <= 1.0 s");
    row(out, "latency p50 / p99, trigger 5 s", s -> latencyCell(s.latency5s), "");
    row(
        out,
        "ceiling, UNLOGGED batches by partition (rows/s)",
        s ->
            s.bestBatched == null
                ? "not run"
                : String.format(
                    Locale.ROOT,
                    "%,.0f (%d rows, %d in flight)",
                    s.bestBatched.rowsPerSecond(),
                    s.bestBatched.rowsPerStatement(),
                    s.bestBatched.inFlight()),
        "");
    row(
        out,
        "ceiling, that combination over the sustained window (rows/s)",
        s ->
            s.sustainedBatched == null
                ? "not run"
                : String.format(Locale.ROOT, "%,.0f", s.sustainedBatched.rowsPerSecond()),
        "");
    row(
        out,
        "ceiling, single-row async INSERT (rows/s)",
        s ->
            s.bestSingle == null
                ? "not run"
                : String.format(
                    Locale.ROOT,
                    "%,.0f (%d in flight)",
                    s.bestSingle.rowsPerSecond(),
                    s.bestSingle.inFlight()),
        "");
    row(
        out,
        "ours sustained / batched ceiling",
        s -> {
          if (s.bestBatched == null || s.sustained <= 0) {
            return "n/a";
          }
          return String.format(Locale.ROOT, "%.2f", s.sustained / s.bestBatched.rowsPerSecond());
        },
        ">= 0.5 (50 keys), >= 0.4 (5,000 keys)");
    row(
        out,
        "ours sustained / ceiling over the same window",
        s -> {
          if (s.sustainedBatched == null || s.sustained <= 0) {
            return "n/a";
          }
          return String.format(
              Locale.ROOT, "%.2f", s.sustained / s.sustainedBatched.rowsPerSecond());
        },
        "(like for like: both 2 minutes on a growing table)");
    row(
        out,
        "ours capacity / batched ceiling",
        s -> {
          if (s.bestBatched == null || s.capacity == null || !s.capacity.ok()) {
            return "n/a";
          }
          return String.format(
              Locale.ROOT, "%.2f", s.capacity.processedPerSecond() / s.bestBatched.rowsPerSecond());
        },
        "(for reference)");
    row(
        out,
        "p99 at trigger 1 s / 1.0 s target",
        s -> {
          if (s.latency1s == null || !s.latency1s.ok() || s.latency1s.p99Ms().isEmpty()) {
            return "n/a";
          }
          double p99 = s.latency1s.p99Ms().getAsLong() / 1000.0;
          return String.format(Locale.ROOT, "%.2f (%s)", p99, p99 <= 1.0 ? "met" : "not met");
        },
        "<= 1.0");
    row(out, "fixed cost per batch a (ms)", s -> fitCell(fit(s.keys), true), "");
    row(out, "cost per line b (µs/line)", s -> fitCell(fit(s.keys), false), "");
    line(out, "");
    Fit all = fit(-1);
    line(
        out,
        "Fit over all key counts together: duration = %s ms + %s µs × lines (%d batches,"
            + " R² %s).",
        num(all.fixedMs(), 0),
        num(all.microsPerLine(), 2),
        all.batches(),
        num(all.r2(), 2));
    line(out, "");
  }

  private interface Cell {
    String of(Summary s);
  }

  private void row(StringBuilder out, String name, Cell cell, String target) {
    StringBuilder r = new StringBuilder("| " + name + " |");
    for (Summary s : summaries.values()) {
      r.append(' ').append(cell.of(s)).append(" |");
    }
    r.append(' ').append(target).append(" |");
    line(out, "%s", r);
  }

  private static String latencyCell(Result r) {
    if (r == null) {
      return "not run";
    }
    if (!r.ok()) {
      return "failed";
    }
    return JobProbe.ms(r.p50Ms())
        + " / "
        + JobProbe.ms(r.p99Ms())
        + (r.keptUp() ? "" : " (backlog grew)");
  }

  private static String fitCell(Fit f, boolean fixed) {
    if (f.batches() < 3 || Double.isNaN(f.fixedMs())) {
      return "n/a";
    }
    return fixed
        ? String.format(
            Locale.ROOT, "%,.0f (%d batches, R² %.2f)", f.fixedMs(), f.batches(), f.r2())
        : String.format(
            Locale.ROOT, "%.2f (%,d–%,d lines)", f.microsPerLine(), f.minLines(), f.maxLines());
  }

  /** Over the measured windows of capacity, sustained and latency probes; keys -1 for all. */
  private Fit fit(int keys) {
    List<Batch> batches = new ArrayList<>();
    for (Result r : probes) {
      String section = r.spec().section();
      if (r.ok()
          && (keys < 0 || r.spec().keys() == keys)
          && (section.equals("capacity")
              || section.equals("sustained")
              || section.equals("latency"))) {
        batches.addAll(r.windowBatches());
      }
    }
    return BatchWindow.fit(batches);
  }

  private void probeTable(StringBuilder out) {
    line(out, "## Probes");
    line(out, "");
    line(
        out,
        "processed/s: lines of the batches run in the window (a batch running across an"
            + " edge counts with the share of its run inside), over the window. busy: share of the"
            + " window a batch was running (flooded: at least 90%%). finished/s: input_lines"
            + " of the batches that finished in the window, over the window. window: from"
            + " the first batch to finish after the warm-up (and settling) to the first to finish"
            + " after the window's length, so both ends fall as a batch finishes. backlog:"
            + " generator's LATEST minus input_lines of finished batches, at those two moments."
            + " latency: finished_at − max_event_time of"
            + " the batches that finished in the window. /metrics: ssa_end_to_end_latency_seconds of"
            + " the job's newest batch at the window's end. load: 1-minute load average then."
            + " settled: sustained and latency windows start once the backlog the job's cold start"
            + " left is down to two triggers' worth (rate x trigger x 2), latency windows also once"
            + " 3 batches in a row ran within their trigger, or after 90 s; \"not\": the"
            + " job ran batches longer than its trigger, and a window in which its backlog did not"
            + " grow still kept up.");
    line(out, "");
    line(
        out,
        "| # | probe | keys | rate/s | trigger | writes | settled | window | processed/s"
            + " | finished/s | busy | backlog start → end | kept up | batches | largest batch | p50"
            + " | p99 | /metrics e2e | load |");
    line(out, "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
    int i = 0;
    for (Result r : probes) {
      i++;
      Spec s = r.spec();
      if (!r.ok()) {
        line(
            out,
            "| %d | %s | %,d | %,d | %s | %s | | %d s | failed: %s | | | | | | | | | | |",
            i,
            s.label(),
            s.keys(),
            s.rate(),
            s.trigger(),
            writes(s),
            s.window().toSeconds(),
            r.error().lines().findFirst().orElse("").replace("|", "/"));
        continue;
      }
      long window = Duration.between(r.windowStart(), r.windowEnd()).toSeconds();
      long measured = Duration.between(r.windowStart(), r.measuredEnd()).toSeconds();
      line(
          out,
          "| %d | %s | %,d | %,d | %s | %s | %s | %d s%s | %,.0f | %,.0f | %.0f%% | %,d → %,d%s |"
              + " %s | %d | %,d | %s | %s | %s | %.1f |",
          i,
          s.label(),
          s.keys(),
          s.rate(),
          s.trigger(),
          writes(s),
          r.settle().isEmpty() ? "n/a" : r.settle(),
          window,
          measured < window ? " (to " + measured + " s)" : "",
          r.processedPerSecond(),
          r.finishedInWindowPerSecond(),
          100 * r.busy(),
          r.backlogStart(),
          r.backlogEnd(),
          r.backlogFromGenerator() ? "" : " ~",
          r.keptUp() ? "yes" : "no",
          r.windowBatches().size(),
          r.maxBatchLines(),
          JobProbe.ms(r.p50Ms()),
          JobProbe.ms(r.p99Ms()),
          metricCell(r),
          r.load());
    }
    line(out, "");
  }

  private static String metricCell(Result r) {
    String e2e = r.metrics().get("ssa_end_to_end_latency_seconds");
    if (e2e == null) {
      return r.metrics().containsKey("error") ? "no answer" : "n/a";
    }
    return String.format(Locale.ROOT, "%.2f s", Double.parseDouble(e2e));
  }

  private static String writes(Spec s) {
    return s.writeConcurrency() == null ? "default" : s.writeConcurrency().toString();
  }

  private void ceilingTable(StringBuilder out) {
    if (ceilings.isEmpty()) {
      return;
    }
    line(out, "## Ceiling: the raw rows through the Java driver alone");
    line(out, "");
    line(
        out,
        "Same rows as events_raw (the app's cql/schema.cql definition), from the generator's"
            + " EventFactory, written for %d s after %d s of warm-up per combination; rows of failed"
            + " statements do not count.",
        options.ceilingWindow().toSeconds(),
        options.ceilingWarmup().toSeconds());
    line(out, "");
    line(out, "| keys | statement | in flight | rows/s | statements | failed | first error |");
    line(out, "|---|---|---|---|---|---|---|");
    for (RawIngestCeiling.Result r : ceilings) {
      line(
          out,
          "| %,d | %s | %d | %,.0f | %,d | %,d | %s |",
          r.keys(),
          r.batched() ? "UNLOGGED batch of " + r.rowsPerStatement() + " rows" : "single-row INSERT",
          r.inFlight(),
          r.rowsPerSecond(),
          r.statements(),
          r.failedStatements(),
          r.firstError() == null ? "" : r.firstError().replace("|", "/"));
    }
    line(out, "");
  }

  private void fitTable(StringBuilder out) {
    List<Batch> any = new ArrayList<>();
    probes.forEach(r -> any.addAll(r.windowBatches()));
    if (any.isEmpty()) {
      return;
    }
    line(out, "## Fixed cost per batch and cost per line");
    line(out, "");
    line(
        out,
        "Least squares over the batches that finished in the measured windows of the"
            + " capacity, sustained and latency probes: duration (finished_at − started_at) = a + b ×"
            + " input_lines.");
    line(out, "");
    line(out, "| keys | batches | a (ms) | b (µs/line) | R² | lines per batch |");
    line(out, "|---|---|---|---|---|---|");
    for (int keys : summaries.keySet()) {
      Fit f = fit(keys);
      line(
          out,
          "| %,d | %d | %s | %s | %s | %,d–%,d |",
          keys,
          f.batches(),
          num(f.fixedMs(), 0),
          num(f.microsPerLine(), 2),
          num(f.r2(), 2),
          f.minLines(),
          f.maxLines());
    }
    Fit f = fit(-1);
    line(
        out,
        "| all | %d | %s | %s | %s | %,d–%,d |",
        f.batches(),
        num(f.fixedMs(), 0),
        num(f.microsPerLine(), 2),
        num(f.r2(), 2),
        f.minLines(),
        f.maxLines());
    line(out, "");
  }

  private void tuningTable(StringBuilder out) {
    if (summaries.values().stream().allMatch(s -> s.tuning.isEmpty())) {
      return;
    }
    line(out, "## Tuning: flooded, uncapped, %d s windows", options.shortWindow().toSeconds());
    line(out, "");
    line(
        out, "| keys | trigger | writes | generator/s | lines/s | flooded | p50 | p99 | batches |");
    line(out, "|---|---|---|---|---|---|---|---|---|");
    for (Summary s : summaries.values()) {
      for (Result r : s.tuning) {
        if (!r.ok()) {
          line(
              out,
              "| %,d | %s | %s | %,d | failed | | | | |",
              s.keys,
              r.spec().trigger(),
              writes(r.spec()),
              r.spec().rate());
          continue;
        }
        line(
            out,
            "| %,d | %s | %s | %,d | %,.0f | %s | %s | %s | %d |",
            s.keys,
            r.spec().trigger(),
            writes(r.spec()),
            r.spec().rate(),
            r.processedPerSecond(),
            String.format(
                Locale.ROOT,
                "%s (busy %.0f%%)",
                flooded(r) ? "yes" : "no: a lower bound",
                100 * r.busy()),
            JobProbe.ms(r.p50Ms()),
            JobProbe.ms(r.p99Ms()),
            r.windowBatches().size());
      }
    }
    line(out, "");
  }

  private static String num(double v, int decimals) {
    return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%,." + decimals + "f", v);
  }

  private static void line(StringBuilder out, String format, Object... args) {
    try {
      out.append(String.format(Locale.ROOT, format, args)).append('\n');
    } catch (java.util.IllegalFormatException e) {
      // A slip in a format must not cost the run's figures.
      out.append(format).append(' ').append(Arrays.toString(args)).append('\n');
    }
  }

  private static long roundRate(double rate) {
    if (rate >= 2_500) {
      return (long) (Math.floor(rate / 250) * 250);
    }
    return (long) (Math.floor(rate / 50) * 50);
  }

  /** Short commit of a checkout, and whether it has uncommitted changes. */
  static String gitDescription(Path root) {
    try {
      Process head =
          new ProcessBuilder("git", "-C", root.toString(), "rev-parse", "--short", "HEAD")
              .redirectErrorStream(true)
              .start();
      String commit =
          new String(head.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      head.waitFor(10, TimeUnit.SECONDS);
      Process status =
          new ProcessBuilder(
                  "git", "-C", root.toString(), "status", "--porcelain", "--untracked-files=no")
              .redirectErrorStream(true)
              .start();
      String changes =
          new String(status.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      status.waitFor(10, TimeUnit.SECONDS);
      if (head.exitValue() != 0) {
        return "not a git checkout";
      }
      return "commit " + commit + (changes.isEmpty() ? "" : ", with uncommitted changes");
    } catch (IOException e) {
      return "git unavailable";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "git interrupted";
    }
  }
}
