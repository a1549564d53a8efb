package ssa.bench;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Stream;
import ssa.bench.BatchWindow.Batch;

/**
 * One probe of the job as users run it: the generator in its own JVM ({@code java -jar
 * generator/target/ssa-generator-all.jar}), the job through {@code run.sh submit}, both in process
 * groups of their own. Figures come from outside only: the job's {@code batch_stats} rows in
 * Cassandra, the generator's {@code LATEST} answer, and the job's HTTP {@code /metrics}.
 */
final class JobProbe {
  /** The generator's shaded jar: named without a version since {@code <finalName>} in pom.xml. */
  static final String GENERATOR_JAR = "generator/target/ssa-generator-all.jar";

  static final String JOB_NAME = "bench";
  private static final Duration JOB_START_TIMEOUT = Duration.ofMinutes(5);
  private static final Duration STOP_GRACE = Duration.ofSeconds(30);
  private static final Duration SETTLE_LIMIT = Duration.ofSeconds(90);

  /** Batches in a row that must run within their trigger before a window starts. */
  private static final int STEADY_BATCHES = 3;

  /** How long a window edge waits for a batch to finish (the longest seen: about 70 s, flooded). */
  private static final Duration BATCH_END_LIMIT = Duration.ofSeconds(120);

  /** What to run. {@code writeConcurrency} null: the job's own setting. */
  record Spec(
      String section,
      String label,
      int keys,
      long rate,
      String trigger,
      Integer writeConcurrency,
      long maxLinesPerBatch,
      Duration warmup,
      Duration window,
      boolean calibration,
      Path jobConf) {
    /** The same probe with the job reading another config file than the checkout's. */
    Spec withJobConf(Path conf) {
      return new Spec(
          section,
          label,
          keys,
          rate,
          trigger,
          writeConcurrency,
          maxLinesPerBatch,
          warmup,
          window,
          calibration,
          conf);
    }

    double triggerSeconds() {
      return parseSeconds(trigger);
    }

    /**
     * Sustained and latency probes measure a steady state, so they start their window only once the
     * backlog left by the job's cold start has drained.
     */
    boolean settles() {
      return section.equals("sustained") || section.equals("latency");
    }

    /**
     * A steady backlog: the lines of the running batch plus those arriving while it runs, at most
     * two triggers' worth when batches finish within their trigger.
     */
    long settledBacklog() {
      return (long) (2 * rate * triggerSeconds());
    }
  }

  /** What a probe measured over its window. */
  record Result(
      Spec spec,
      String error,
      Instant windowStart,
      Instant windowEnd,
      Instant measuredEnd,
      double processedPerSecond,
      double finishedInWindowPerSecond,
      double busy,
      long backlogStart,
      long backlogEnd,
      boolean backlogFromGenerator,
      boolean keptUp,
      List<Batch> windowBatches,
      long maxBatchLines,
      int batchesAtCap,
      OptionalLong p50Ms,
      OptionalLong p99Ms,
      Map<String, String> metrics,
      long statsInputLines,
      double calibratedLinesPerSecond,
      double load,
      Path jobLog,
      String settle) {
    boolean ok() {
      return error == null;
    }

    static Result failed(Spec spec, String error, Path jobLog) {
      return new Result(
          spec,
          error,
          null,
          null,
          null,
          Double.NaN,
          Double.NaN,
          Double.NaN,
          -1,
          -1,
          false,
          false,
          List.of(),
          0,
          0,
          OptionalLong.empty(),
          OptionalLong.empty(),
          Map.of(),
          0,
          Double.NaN,
          Double.NaN,
          jobLog,
          "");
    }
  }

  /**
   * Where things run: shared by the probes of one bench run.
   *
   * @param cluster the job on the local cluster ({@code run.sh cluster submit}: Spark standalone,
   *     checkpoint on HDFS, keyspace at {@code replication}) instead of {@code run.sh submit}
   */
  record Context(
      Path appRoot,
      Path logDir,
      String cassandraHost,
      int cassandraPort,
      CqlSession session,
      PortPicker sourcePorts,
      PortPicker monitoringPorts,
      boolean cluster,
      String replication) {}

  /** The local cluster's HDFS (LocalHdfs), where a cluster probe keeps its checkpoint. */
  private static final String CLUSTER_CHECKPOINTS = "hdfs://127.0.0.1:8020/bench/";

  private final Context context;
  private final Spec spec;
  private final int index;

  JobProbe(Context context, Spec spec, int index) {
    this.context = context;
    this.spec = spec;
    this.index = index;
  }

  /**
   * The generator's shaded jar under {@code appRoot}; an older checkout (see {@code --app-root})
   * names it with its version, {@code ssa-generator-<version>-all.jar}.
   */
  static Path generatorJar(Path appRoot) throws IOException {
    Path jar = appRoot.resolve(GENERATOR_JAR);
    if (Files.isRegularFile(jar)) {
      return jar;
    }
    try (Stream<Path> versioned = Files.list(jar.getParent())) {
      return versioned
          .filter(p -> p.getFileName().toString().matches("ssa-generator-.+-all\\.jar"))
          .findFirst()
          .orElseThrow(() -> new IOException("no generator jar in " + jar.getParent()));
    }
  }

  Result run() {
    String keyspace = "bench_submitted_" + index;
    int sourcePort = context.sourcePorts().next();
    int monitoringPort = context.monitoringPorts().next();
    String tag = String.format("%02d-%s-%dkeys", index, spec.section(), spec.keys());
    Path generatorLog = context.logDir().resolve(tag + "-generator.log");
    Path jobLog = context.logDir().resolve(tag + "-job.log");
    Path checkpoint = null;
    ChildProcess generator = null;
    ChildProcess job = null;
    say(
        "probe %d: %s (%,d keys, rate %,d/s, trigger %s, writes %s, cap %,d); logs %s",
        index,
        spec.label(),
        spec.keys(),
        spec.rate(),
        spec.trigger(),
        spec.writeConcurrency() == null ? "default" : spec.writeConcurrency(),
        spec.maxLinesPerBatch(),
        jobLog);
    try {
      dropKeyspace(keyspace);
      checkpoint = context.logDir().resolve(tag + "-checkpoint");
      Files.createDirectories(checkpoint);
      generator =
          ChildProcess.start(
              "generator",
              List.of(
                  "java",
                  "-jar",
                  generatorJar(context.appRoot()).toString(),
                  "--port",
                  Integer.toString(sourcePort),
                  "--rate",
                  Long.toString(spec.rate()),
                  "--keys",
                  Integer.toString(spec.keys()),
                  "--start-time",
                  "now"),
              Map.of(),
              context.appRoot(),
              generatorLog);
      awaitListening(generator);
      Map<String, String> env = new LinkedHashMap<>();
      env.put("SSA_TRIGGER_INTERVAL", spec.trigger());
      if (spec.writeConcurrency() != null) {
        env.put("SSA_WRITE_CONCURRENCY", Integer.toString(spec.writeConcurrency()));
      }
      env.put("SSA_MAX_LINES_PER_BATCH", Long.toString(spec.maxLinesPerBatch()));
      env.put("SSA_KEYSPACE", keyspace);
      env.put("SSA_JOB_NAME", JOB_NAME);
      env.put("SSA_SOURCE_HOST", "127.0.0.1");
      env.put("SSA_SOURCE_PORT", Integer.toString(sourcePort));
      env.put("SSA_MONITORING_PORT", Integer.toString(monitoringPort));
      env.put(
          "SSA_CHECKPOINT_LOCATION",
          context.cluster()
              ? CLUSTER_CHECKPOINTS + context.logDir().getFileName() + "/" + tag
              : checkpoint.toUri().toString());
      env.put("SSA_CASSANDRA_REPLICATION", context.replication());
      env.put("SSA_CASSANDRA_HOST", context.cassandraHost());
      env.put("SSA_CASSANDRA_PORT", Integer.toString(context.cassandraPort()));
      // The checkout's own .ssa (build stamp, logs) and conf/application.conf, as a user has them,
      // unless the probe names another config.
      env.put("SSA_HOME", null);
      env.put("SSA_CONF", spec.jobConf() == null ? null : spec.jobConf().toString());
      job =
          ChildProcess.start(
              "job",
              context.cluster()
                  ? List.of(context.appRoot().resolve("run.sh").toString(), "cluster", "submit")
                  : List.of(context.appRoot().resolve("run.sh").toString(), "submit"),
              env,
              context.appRoot(),
              jobLog);
      Instant firstBatch = awaitFirstBatch(keyspace, job, generator);
      say("  job up: first batch at %s; warm-up %d s", firstBatch, spec.warmup().toSeconds());
      if (spec.calibration()) {
        return calibrate(keyspace, job, generator, jobLog);
      }
      sleepWatching(spec.warmup(), job, generator);
      Settle settle = spec.settles() ? settle(keyspace, sourcePort, job, generator) : null;
      Sample start = sampleAtBatchEnd(keyspace, sourcePort, job, generator);
      sleepWatching(spec.window(), job, generator);
      Sample end = sampleAtBatchEnd(keyspace, sourcePort, job, generator);
      // The batch running at the window's end: wait for it, so its share of the window counts.
      Duration grace = Duration.ofSeconds(Math.max(30, spec.window().toSeconds()));
      Instant measuredEnd = awaitBatchAfter(keyspace, end.at(), grace, job, generator);
      Map<String, String> metrics = metrics(monitoringPort);
      List<Batch> batches = batches(keyspace);
      keepRaw(
          context.logDir().resolve(tag + "-batches.csv"),
          batches,
          start,
          end,
          measuredEnd,
          metrics);
      return result(start, end, measuredEnd, batches, metrics, jobLog, settle);
    } catch (ProbeFailed | IOException | RuntimeException e) {
      String error = e.getMessage();
      if (job != null && !job.alive()) {
        error +=
            " (job exited "
                + job.exitCode()
                + "; last lines of "
                + jobLog
                + ":\n"
                + job.tail(15)
                + ")";
      }
      say("  probe %d FAILED: %s", index, error);
      return Result.failed(spec, error, jobLog);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Result.failed(spec, "interrupted", jobLog);
    } finally {
      if (job != null) {
        boolean clean = job.stop(STOP_GRACE);
        say("  job stopped%s", clean ? " on SIGTERM" : " with SIGKILL");
      }
      if (generator != null) {
        generator.stop(Duration.ofSeconds(10));
      }
      try {
        dropKeyspace(keyspace);
      } catch (RuntimeException e) {
        say("  could not drop %s: %s", keyspace, e.getMessage());
      }
      deleteTree(checkpoint);
    }
  }

  private Result calibrate(String keyspace, ChildProcess job, ChildProcess generator, Path jobLog)
      throws ProbeFailed, InterruptedException {
    // The first batch with lines after the (cold) first one: rows/s of its own run.
    Instant deadline = Instant.now().plus(JOB_START_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      List<Batch> batches = batches(keyspace);
      for (Batch b : batches) {
        if (b.batchId() >= 1 && b.inputLines() > 0 && b.duration().toMillis() > 0) {
          double perSecond = b.inputLines() / (b.duration().toMillis() / 1000.0);
          say(
              "  calibration: batch %d, %,d lines in %.1f s = %,.0f lines/s",
              b.batchId(), b.inputLines(), b.duration().toMillis() / 1000.0, perSecond);
          return new Result(
              spec,
              null,
              null,
              null,
              null,
              Double.NaN,
              Double.NaN,
              Double.NaN,
              -1,
              -1,
              false,
              false,
              List.of(b),
              b.inputLines(),
              0,
              OptionalLong.empty(),
              OptionalLong.empty(),
              Map.of(),
              0,
              perSecond,
              loadAverage(),
              jobLog,
              "");
        }
      }
      sleepWatching(Duration.ofSeconds(2), job, generator);
    }
    throw new ProbeFailed("no batch with lines within " + JOB_START_TIMEOUT.toMinutes() + " min");
  }

  private Result result(
      Sample start,
      Sample end,
      Instant measuredEnd,
      List<Batch> batches,
      Map<String, String> metrics,
      Path jobLog,
      Settle settle) {
    Instant from = start.at();
    Instant to = end.at();
    // When the batch running at the window's end did not finish within the grace, the window
    // ends at the last batch that did.
    Instant until = measuredEnd != null ? to : lastFinish(batches, from, to);
    double seconds = Math.max(0.001, Duration.between(from, until).toMillis() / 1000.0);
    double prorated = BatchWindow.proratedLines(batches, from, until) / seconds;
    List<Batch> inWindow = BatchWindow.finishedIn(batches, from, to);
    double finished =
        inWindow.stream().mapToLong(Batch::inputLines).sum()
            / (Duration.between(from, to).toMillis() / 1000.0);
    // Kept up: the backlog grew by no more than one batch's worth (rate x trigger).
    long slack = (long) (spec.rate() * spec.triggerSeconds());
    boolean keptUp = end.backlog() <= start.backlog() + slack;
    long maxLines = batches.stream().mapToLong(Batch::inputLines).max().orElse(0);
    int atCap =
        (int) batches.stream().filter(b -> b.inputLines() >= spec.maxLinesPerBatch()).count();
    long statsLines = batches.stream().mapToLong(Batch::inputLines).sum();
    Result result =
        new Result(
            spec,
            null,
            from,
            to,
            until,
            prorated,
            finished,
            BatchWindow.busyShare(batches, from, until),
            start.backlog(),
            end.backlog(),
            start.fromGenerator() && end.fromGenerator(),
            keptUp,
            inWindow,
            maxLines,
            atCap,
            BatchWindow.percentileLatencyMs(inWindow, 0.50),
            BatchWindow.percentileLatencyMs(inWindow, 0.99),
            metrics,
            statsLines,
            Double.NaN,
            end.load(),
            jobLog,
            settle == null ? "" : settle.describe(spec.settledBacklog()));
    say(
        "  processed %,.0f lines/s (finished in window: %,.0f), busy %.0f%%, backlog %,d -> %,d"
            + " (%s), %d batches, p50 %s, p99 %s; /metrics e2e latency %s s",
        prorated,
        finished,
        100 * result.busy(),
        start.backlog(),
        end.backlog(),
        keptUp ? "kept up" : "growing",
        inWindow.size(),
        ms(result.p50Ms()),
        ms(result.p99Ms()),
        metrics.getOrDefault("ssa_end_to_end_latency_seconds", "n/a"));
    return result;
  }

  /** The probe's raw figures beside its logs, so a report can be made again from them. */
  private void keepRaw(
      Path file,
      List<Batch> batches,
      Sample start,
      Sample end,
      Instant measuredEnd,
      Map<String, String> metrics) {
    StringBuilder out = new StringBuilder();
    out.append("# ").append(spec).append('\n');
    out.append("# window ")
        .append(start)
        .append(" .. ")
        .append(end)
        .append(", measured end ")
        .append(measuredEnd)
        .append('\n');
    out.append("# metrics ").append(metrics).append('\n');
    out.append("batch_id,input_lines,max_event_time,started_at,finished_at\n");
    batches.stream()
        .sorted(Comparator.comparingLong(Batch::batchId))
        .forEach(
            b ->
                out.append(b.batchId())
                    .append(',')
                    .append(b.inputLines())
                    .append(',')
                    .append(b.maxEventTime())
                    .append(',')
                    .append(b.startedAt())
                    .append(',')
                    .append(b.finishedAt())
                    .append('\n'));
    try {
      Files.writeString(file, out);
    } catch (IOException e) {
      say("  could not write %s: %s", file, e.getMessage());
    }
  }

  /** How the backlog came down before the window. */
  private record Settle(Duration took, boolean settled, long backlog) {
    String describe(long limit) {
      if (settled) {
        return String.format(java.util.Locale.ROOT, "%d s", took.toSeconds());
      }
      return backlog > limit
          ? String.format(
              java.util.Locale.ROOT, "not in %d s (%,d > %,d)", took.toSeconds(), backlog, limit)
          : String.format(
              java.util.Locale.ROOT, "not in %d s (batches over the trigger)", took.toSeconds());
    }
  }

  /**
   * Waits, up to {@link #SETTLE_LIMIT}, until the backlog the job's cold start left is down to a
   * steady one ({@link Spec#settledBacklog}), so the window measures the steady state and not the
   * draining of that backlog. A job still above it afterwards runs batches longer than its trigger.
   */
  private Settle settle(String keyspace, int sourcePort, ChildProcess job, ChildProcess generator)
      throws ProbeFailed, InterruptedException {
    Instant from = Instant.now();
    long limit = spec.settledBacklog();
    while (true) {
      Sample s = sample(keyspace, sourcePort);
      Duration took = Duration.between(from, s.at());
      boolean settled =
          s.backlog() <= limit
              && (!spec.section().equals("latency") || withinTrigger(batches(keyspace)));
      if (settled || took.compareTo(SETTLE_LIMIT) >= 0) {
        Settle settle = new Settle(took, settled, s.backlog());
        say(
            "  backlog %,d after %d s of settling (steady at most %,d)%s",
            s.backlog(), took.toSeconds(), limit, settle.settled() ? "" : ": not settled");
        return settle;
      }
      sleepWatching(Duration.ofSeconds(2), job, generator);
    }
  }

  /**
   * Whether the newest {@link #STEADY_BATCHES} batches each ran within the trigger; latency probes
   * wait for it too. A backlog down to two triggers' worth can still be the tail of the cold
   * start's catch-up: the next batch then holds more than a trigger's lines and runs longer than
   * its steady ones (run 12's latency window began with one such batch, its slowest).
   */
  private boolean withinTrigger(List<Batch> batches) {
    Duration trigger = Duration.ofMillis((long) (spec.triggerSeconds() * 1000));
    List<Batch> newest =
        batches.stream()
            .sorted(Comparator.comparingLong(Batch::batchId).reversed())
            .limit(STEADY_BATCHES)
            .toList();
    return newest.size() == STEADY_BATCHES
        && newest.stream().allMatch(b -> b.duration().compareTo(trigger) <= 0);
  }

  private static Instant lastFinish(List<Batch> batches, Instant from, Instant to) {
    return batches.stream()
        .map(Batch::finishedAt)
        .filter(t -> t.isAfter(from) && !t.isAfter(to))
        .max(Comparator.naturalOrder())
        .orElse(to);
  }

  private record Sample(
      Instant at, long available, long processed, boolean fromGenerator, double load) {
    long backlog() {
      return available - processed;
    }
  }

  /**
   * A sample taken as soon as the next batch finishes (batch_stats polled every second), or after
   * {@link #BATCH_END_LIMIT} without one. Right after a batch finished, the backlog is what came in
   * while it ran, so two such samples compare like with like. A sample at any moment is off by up
   * to a whole batch, depending on how far the running one has got: at 5,000 keys a batch holds a
   * million lines, about as much as a sustained window lets the backlog grow (runs 9 and 10 took
   * windows at any moment).
   */
  private Sample sampleAtBatchEnd(
      String keyspace, int sourcePort, ChildProcess job, ChildProcess generator)
      throws ProbeFailed, InterruptedException {
    int finished = batches(keyspace).size();
    Instant until = Instant.now().plus(BATCH_END_LIMIT);
    while (batches(keyspace).size() == finished && Instant.now().isBefore(until)) {
      sleepWatching(Duration.ofSeconds(1), job, generator);
    }
    return sample(keyspace, sourcePort);
  }

  private long generatorStartMillis = -1;

  /**
   * Lines the generator has made available (its {@code LATEST} answer: rate x time since the job's
   * first pull) and lines the job processed (sum of input_lines of finished batches).
   */
  private Sample sample(String keyspace, int sourcePort) {
    Instant now = Instant.now();
    long processed = BatchWindow.linesFinishedBy(batches(keyspace), Instant.now());
    try {
      return new Sample(now, latest(sourcePort), processed, true, loadAverage());
    } catch (IOException e) {
      // From the schedule instead: rate x time since the first batch, a slight overestimate.
      say("  generator did not answer LATEST (%s): backlog from rate x elapsed", e.getMessage());
      long available = (long) ((now.toEpochMilli() - generatorStartMillis) / 1000.0 * spec.rate());
      return new Sample(now, available, processed, false, loadAverage());
    }
  }

  /** The 1-minute load average: the machine is shared, and this says how busy it was. */
  static double loadAverage() {
    try {
      return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }

  /** The generator's own count: {@code LATEST} answers {@code OK <n>}, events 0..n-1 exist. */
  static long latest(int port) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
      socket.setSoTimeout(5000);
      OutputStream out = socket.getOutputStream();
      out.write("LATEST\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String line =
          new BufferedReader(
                  new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
              .readLine();
      if (line == null || !line.startsWith("OK ")) {
        throw new IOException("LATEST answered " + line);
      }
      return Long.parseLong(line.substring(3).trim());
    }
  }

  List<Batch> batches(String keyspace) {
    return batches(context.session(), keyspace);
  }

  /** The batch_stats rows of the bench's job in a keyspace. */
  static List<Batch> batches(CqlSession session, String keyspace) {
    List<Batch> batches = new ArrayList<>();
    for (Row row :
        session.execute(
            "SELECT batch_id, input_lines, max_event_time, started_at, finished_at FROM "
                + keyspace
                + ".batch_stats WHERE job = '"
                + JOB_NAME
                + "'")) {
      batches.add(
          new Batch(
              row.getLong("batch_id"),
              row.getLong("input_lines"),
              row.getInstant("max_event_time"),
              row.getInstant("started_at"),
              row.getInstant("finished_at")));
    }
    return batches;
  }

  private Instant awaitFirstBatch(String keyspace, ChildProcess job, ChildProcess generator)
      throws ProbeFailed, InterruptedException {
    Instant deadline = Instant.now().plus(JOB_START_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      try {
        List<Batch> batches = batches(keyspace);
        if (!batches.isEmpty()) {
          Batch first = batches.stream().min(Comparator.comparing(Batch::finishedAt)).get();
          generatorStartMillis = first.startedAt().toEpochMilli();
          return first.finishedAt();
        }
      } catch (RuntimeException e) {
        // The job has not created its tables yet.
      }
      sleepWatching(Duration.ofSeconds(2), job, generator);
    }
    throw new ProbeFailed(
        "the job wrote no batch_stats row within " + JOB_START_TIMEOUT.toMinutes() + " min");
  }

  /** Waits for a batch finishing after {@code at}; its finish time, or null after the grace. */
  private Instant awaitBatchAfter(
      String keyspace, Instant at, Duration grace, ChildProcess job, ChildProcess generator)
      throws ProbeFailed, InterruptedException {
    Instant deadline = Instant.now().plus(grace);
    while (true) {
      OptionalLong after =
          batches(keyspace).stream()
              .filter(b -> !b.finishedAt().isBefore(at))
              .mapToLong(b -> b.finishedAt().toEpochMilli())
              .min();
      if (after.isPresent()) {
        return Instant.ofEpochMilli(after.getAsLong());
      }
      if (!Instant.now().isBefore(deadline)) {
        say(
            "  no batch finished within %d s after the window: the window ends at the last"
                + " batch that finished in it",
            grace.toSeconds());
        return null;
      }
      sleepWatching(Duration.ofSeconds(1), job, generator);
    }
  }

  /** The job's /metrics, name to value (labels dropped); empty if it does not answer. */
  private static Map<String, String> metrics(int port) {
    Map<String, String> values = new LinkedHashMap<>();
    try {
      HttpResponse<String> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                      .timeout(Duration.ofSeconds(10))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      for (String line : response.body().split("\n")) {
        if (line.startsWith("#") || line.isBlank()) {
          continue;
        }
        int space = line.lastIndexOf(' ');
        int brace = line.indexOf('{');
        String name = line.substring(0, brace >= 0 && brace < space ? brace : space);
        values.put(name, line.substring(space + 1).trim());
      }
    } catch (IOException | RuntimeException e) {
      values.put("error", e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return values;
  }

  private void dropKeyspace(String keyspace) {
    context.session().execute("DROP KEYSPACE IF EXISTS " + keyspace);
  }

  static void awaitListening(ChildProcess generator) throws ProbeFailed, InterruptedException {
    // Not by connecting: a silent connection would be served the live stream and start the
    // generator's clock before the job's first pull.
    for (int i = 0; i < 300; i++) {
      if (!generator.alive()) {
        throw new ProbeFailed("the generator exited: " + generator.tail(10));
      }
      try {
        if (Files.readString(generator.log()).contains("listening on")) {
          return;
        }
      } catch (IOException e) {
        // Not written yet.
      }
      Thread.sleep(100);
    }
    throw new ProbeFailed("the generator did not start listening within 30 s");
  }

  private static void sleepWatching(Duration duration, ChildProcess job, ChildProcess generator)
      throws ProbeFailed, InterruptedException {
    Instant until = Instant.now().plus(duration);
    while (Instant.now().isBefore(until)) {
      if (!job.alive()) {
        throw new ProbeFailed("the job exited with " + job.exitCode());
      }
      if (!generator.alive()) {
        throw new ProbeFailed("the generator exited with " + generator.exitCode());
      }
      Thread.sleep(Math.max(1, Math.min(1000, Duration.between(Instant.now(), until).toMillis())));
    }
  }

  private static void deleteTree(Path root) {
    if (root == null) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      say("  could not delete %s: %s", root, e.getMessage());
    }
  }

  static String ms(OptionalLong ms) {
    return ms.isPresent()
        ? String.format(java.util.Locale.ROOT, "%.2f s", ms.getAsLong() / 1000.0)
        : "n/a";
  }

  static double parseSeconds(String duration) {
    String d = duration.trim().toLowerCase(java.util.Locale.ROOT);
    if (d.endsWith("ms")) {
      return Double.parseDouble(d.substring(0, d.length() - 2)) / 1000.0;
    }
    if (d.endsWith("s")) {
      return Double.parseDouble(d.substring(0, d.length() - 1));
    }
    if (d.endsWith("m")) {
      return Double.parseDouble(d.substring(0, d.length() - 1)) * 60;
    }
    return Double.parseDouble(d);
  }

  static void say(String format, Object... args) {
    System.err.printf(
        java.util.Locale.ROOT,
        "[bench %tT] " + format + "%n",
        prepend(java.time.LocalTime.now(), args));
  }

  private static Object[] prepend(Object first, Object[] rest) {
    Object[] all = new Object[rest.length + 1];
    all[0] = first;
    System.arraycopy(rest, 0, all, 1, rest.length);
    return all;
  }

  /** Hands out ports from a base upwards, skipping ones in use. */
  static final class PortPicker {
    private int next;

    PortPicker(int base) {
      this.next = base;
    }

    synchronized int next() {
      for (int i = 0; i < 200; i++) {
        int port = next++;
        try (ServerSocket probe = new ServerSocket()) {
          probe.bind(new InetSocketAddress("0.0.0.0", port));
          return port;
        } catch (IOException e) {
          // In use: the next one.
        }
      }
      throw new IllegalStateException("no free port from " + (next - 200));
    }
  }

  static final class ProbeFailed extends Exception {
    ProbeFailed(String message) {
      super(message);
    }
  }
}
