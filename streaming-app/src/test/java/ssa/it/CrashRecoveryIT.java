package ssa.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DriverException;
import com.datastax.oss.driver.api.core.cql.Row;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import ssa.config.JobSettings;
import ssa.generator.Generator;
import ssa.generator.GeneratorSettings;

/**
 * Exactly-once under crashes: the job runs in its own JVM with its checkpoint on HDFS and is
 * killed with SIGKILL at random moments, again and again, and the Cassandra node restarts once
 * mid-stream. A supervisor loop restarts the job each time. In the end every generated event is
 * stored once and counted once in every rollup bucket: nothing lost, nothing counted twice.
 *
 * <p>The kill moments come from a seeded {@link Random}; the seed is printed, and
 * {@code -Dssa.it.crash.seed=N} replays a run's schedule.
 */
class CrashRecoveryIT {
  private static final String NAME = "it_crash";
  private static final String START = "2027-12-31T23:59:45Z";
  private static final long TOTAL = 60_000;
  /**
   * Small batches, so the job works through the backlog in many steps: every instance is killed
   * after a batch or two, well before the stream is done.
   */
  private static final long MAX_LINES_PER_BATCH = 4_000;
  private static final int KILLS = 5;
  private static final int RESTART_CASSANDRA_AFTER_KILL = 3;
  private static final long DEFAULT_SEED = 20_240_229L;
  private static final Duration TIMEOUT = Duration.ofMinutes(6);
  private static final Duration POLL = Duration.ofMillis(300);
  private static final Duration RESTART_PAUSE = Duration.ofSeconds(2);

  @Test
  void should_count_every_event_exactly_once_across_kill_9_and_a_cassandra_restart()
      throws Exception {
    long startedNanos = System.nanoTime();
    long deadline = startedNanos + TIMEOUT.toNanos();
    long seed = Long.getLong("ssa.it.crash.seed", DEFAULT_SEED);
    Random random = new Random(seed);
    Path module = Path.of(System.getProperty("basedir", System.getProperty("user.dir")))
        .toAbsolutePath();
    Path repo = module.getParent();
    Path cassandraScript = repo.resolve("scripts/cassandra.sh");
    assertThat(cassandraScript).as("the script that restarts the Cassandra node").isRegularFile();
    Path work = Files.createDirectories(module.resolve("target/crash-it"));
    // The node is restarted mid-stream, so it must be the local one that script manages.
    Path cassandraLog = work.resolve("cassandra-script.log");
    assertThat(runScript(cassandraScript, "status", cassandraLog, TimeUnit.SECONDS.toNanos(30)))
        .as("%s status: this test restarts the Cassandra node that script runs%n%s",
            cassandraScript, read(cassandraLog))
        .isZero();
    say("kill schedule seed " + seed + " (replay with -Dssa.it.crash.seed=" + seed + ");"
        + " job log " + work.resolve("job.log"));

    GeneratorSettings generated =
        ItSupport.generatorSettings(
            Map.of(
                "count", TOTAL, "rate", 2_000, "keys", 6, "seed", 2718, "id", "crash",
                "start-time", START, "malformed.fraction", 0.01,
                "out-of-order.fraction", 0.05, "out-of-order.max-delay", "5s"));
    // Computed while the job runs.
    CompletableFuture<ExpectedRollups> expectation =
        CompletableFuture.supplyAsync(
            () -> ExpectedRollups.of(generated));

    try (Generator generator = ItSupport.startGenerator(generated)) {
      JobSettings settings =
          ItSupport.jobSettings(
              NAME, generator.port(), "source.max-lines-per-batch = " + MAX_LINES_PER_BATCH);
      // The keyspace is made while HDFS starts.
      CompletableFuture<CqlSession> keyspace =
          CompletableFuture.supplyAsync(() -> ItSupport.freshKeyspace(settings));
      MiniHdfs hdfs;
      try {
        hdfs = new MiniHdfs();
      } catch (IOException | RuntimeException e) {
        keyspace.thenAccept(CqlSession::close);
        throw e;
      }
      String checkpoint = hdfs.uri("crash");
      Path config = writeJobConfig(work.resolve("job.conf"), settings, checkpoint);
      try (hdfs;
          CqlSession session = keyspace.get();
          JobProcess job =
              new JobProcess(jobCommand(repo, config, work), work, work.resolve("job.log"))) {
        say("HDFS and keyspace " + NAME + " ready after " + secondsSince(startedNanos) + " s");
        Supervisor supervisor =
            new Supervisor(job, session, random, deadline, new Checkpoint(hdfs, checkpoint));
        try {
          supervisor.killRepeatedly(cassandraScript, cassandraLog);
          supervisor.runToCompletion(generator);
          job.stop();
          ExpectedRollups expected = expectation.get();

          SparkSession spark = ItSupport.spark(settings);
          long raw = Tables.count(spark, settings, "events_raw");
          long deadLetters = Tables.count(spark, settings, "dead_letter");
          long yearCounts = 0;
          for (Row row : session.execute(
              "SELECT count FROM rollups WHERE grain = 'year' ALLOW FILTERING")) {
            yearCounts += row.getLong(0);
          }
          Row stats =
              session.execute(
                      "SELECT sum(input_lines), sum(valid_events), sum(dead_letters) FROM"
                          + " batch_stats WHERE job = ?", NAME).one();
          long lost = expected.valid - raw;
          long duplicated = yearCounts - raw;
          System.out.printf(
              "CRASH-TEST: kills=%d cassandraRestarts=%d selfExits=%d crashesSurvived=%d"
                  + " killsMidBatch=%d rerunBatches=%d generated=%d valid=%d malformed=%d"
                  + " raw=%d deadLetters=%d lost=%d duplicated=%d seed=%d seconds=%d%n",
              supervisor.kills, supervisor.cassandraRestarts, supervisor.selfExits,
              supervisor.kills + supervisor.selfExits, supervisor.killsMidBatch,
              job.rerunBatches(), TOTAL, expected.valid,
              expected.malformed, raw, deadLetters, lost, duplicated, seed,
              secondsSince(startedNanos));

          assertThat(supervisor.kills).as("SIGKILLs of the job").isGreaterThanOrEqualTo(KILLS);
          assertThat(supervisor.cassandraRestarts).as("Cassandra restarts").isEqualTo(1);
          assertThat(supervisor.killsMidBatch).as("kills while a batch was in flight")
              .isPositive();
          assertThat(raw).as("raw rows: lost %d", lost).isEqualTo(expected.valid);
          assertThat(deadLetters).as("dead letters").isEqualTo(expected.malformed);
          assertThat(yearCounts).as("events counted in year rollups: duplicated %d", duplicated)
              .isEqualTo(raw);
          assertThat(stats.getLong(0)).as("lines in batch_stats").isEqualTo(TOTAL);
          assertThat(stats.getLong(1)).as("valid events in batch_stats").isEqualTo(expected.valid);
          assertThat(stats.getLong(2)).as("dead letters in batch_stats")
              .isEqualTo(expected.malformed);
          RollupAssertions.assertRollupsMatch(session, expected);
          RollupAssertions.assertFinerGrainsAddUpToCoarser(session);
        } catch (AssertionError | Exception e) {
          throw new AssertionError(
              e.getMessage() + "\n" + supervisor.history() + "\n---- last lines of "
                  + job.log + " ----\n" + job.tail(80), e);
        }
      }
    }
  }

  /**
   * Starts, kills and restarts the job like a process supervisor would, and restarts the
   * Cassandra node once in between.
   */
  private static final class Supervisor {
    private final JobProcess job;
    private final CqlSession session;
    private final Random random;
    private final long deadline;
    private final Checkpoint checkpoint;
    private final StringBuilder history = new StringBuilder();
    int kills;
    /** Kills that hit a batch whose offsets were logged but which was not committed yet. */
    int killsMidBatch;
    int selfExits;
    int cassandraRestarts;
    /** Lines processed at the last disruption (kill, self-exit or Cassandra restart). */
    private long linesAtDisruption;
    private long lastLines;
    /** Kill the running instance no earlier than this: 3 to 12 s after its start (nanoTime). */
    private long plannedKill;
    /** When to kill it: set at random once it has made progress since the last disruption. */
    private long killAt;

    Supervisor(
        JobProcess job, CqlSession session, Random random, long deadline, Checkpoint checkpoint) {
      this.job = job;
      this.session = session;
      this.random = random;
      this.deadline = deadline;
      this.checkpoint = checkpoint;
    }

    /**
     * Kills the job {@link #KILLS} times and restarts it each time. An instance is killed only
     * once it has processed lines since the last disruption, at a random moment after that
     * (somewhere in its next few batches), and before it has used up its share of the stream, so
     * that every kill hits the job mid-stream. After the {@link #RESTART_CASSANDRA_AFTER_KILL}th
     * kill, the Cassandra node restarts under the running job.
     */
    void killRepeatedly(Path cassandraScript, Path cassandraLog) throws Exception {
      startJob();
      while (kills < KILLS) {
        checkDeadline("killing the job (" + kills + " kills so far)");
        restartIfExited();
        long lines = lines();
        if (lines >= TOTAL) {
          throw new AssertionError(
              "the job finished the stream after only " + kills + " kills: lower"
                  + " MAX_LINES_PER_BATCH");
        }
        long progress = lines - linesAtDisruption;
        if (progress > 0) {
          long now = System.nanoTime();
          if (killAt == Long.MAX_VALUE) {
            killAt = Math.max(plannedKill, now + millis(random.nextInt(4_000)));
          }
          if (now >= killAt || progress >= budget()) {
            job.kill();
            kills++;
            linesAtDisruption = freshLines();
            long inFlight = checkpoint.uncommittedBatch();
            if (inFlight >= 0) {
              killsMidBatch++;
            }
            note("SIGKILL #" + kills + " after " + linesAtDisruption + " lines, "
                + (inFlight >= 0 ? "batch " + inFlight + " in flight" : "between batches")
                + " (exit " + job.exitCode() + ")");
            startJob();
            if (kills == RESTART_CASSANDRA_AFTER_KILL) {
              awaitProgress("the job restarted after SIGKILL #" + kills);
              Thread.sleep(random.nextInt(3_000));
              restartCassandra(cassandraScript, cassandraLog);
            }
          }
        }
        Thread.sleep(POLL.toMillis());
      }
    }

    /** Lines an instance may process before it is killed: an even share of what is left. */
    private long budget() {
      int disruptionsLeft = KILLS - kills + (cassandraRestarts == 0 ? 1 : 0);
      return (TOTAL - linesAtDisruption) / (disruptionsLeft + 1);
    }

    private void startJob() throws IOException {
      job.start();
      plannedKill = System.nanoTime() + millis(3_000 + random.nextInt(9_001));
      killAt = Long.MAX_VALUE;
    }

    /** Lets the last job instance run until every event was delivered and processed. */
    void runToCompletion(Generator generator) throws Exception {
      while (true) {
        checkDeadline("waiting for the job to process all " + TOTAL + " lines");
        restartIfExited();
        long lines = lines();
        if (lines > TOTAL) {
          throw new AssertionError("batch_stats holds " + lines + " lines, more than " + TOTAL);
        }
        if (lines == TOTAL && generator.awaitCompletion(Duration.ZERO)) {
          note("all " + TOTAL + " lines processed");
          return;
        }
        Thread.sleep(POLL.toMillis());
      }
    }

    private void awaitProgress(String what) throws Exception {
      while (lines() <= linesAtDisruption) {
        checkDeadline("waiting for progress of " + what);
        restartIfExited();
        Thread.sleep(POLL.toMillis());
      }
    }

    private void restartCassandra(Path script, Path log) throws Exception {
      note("restarting Cassandra with " + script + " restart, the job running, after "
          + lastLines + " lines");
      long t0 = System.nanoTime();
      int exit = runScript(script, "restart", log, deadline - System.nanoTime());
      String output = read(log);
      if (exit != 0) {
        throw new AssertionError("Cassandra restart failed with exit " + exit + ":\n" + output);
      }
      cassandraRestarts++;
      note("Cassandra restarted in " + TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0)
          + " s; job " + (job.alive() ? "still running" : "exited " + job.exitCode()));
      System.out.print(output.lines().map(l -> "  " + l + "\n").reduce("", String::concat));
      if (job.alive()) {
        // The driver reconnects by itself; until it has, lines() answers the last value read.
        linesAtDisruption = freshLines();
        plannedKill = System.nanoTime() + millis(3_000 + random.nextInt(9_001));
        killAt = Long.MAX_VALUE;
      } else {
        restartIfExited();
      }
    }

    /** Restarts the job if it exited by itself; a new instance gets a new kill moment. */
    private void restartIfExited() throws Exception {
      if (job.alive()) {
        return;
      }
      selfExits++;
      note("the job exited by itself with " + job.exitCode() + " after " + lastLines
          + " lines; restarting it in " + RESTART_PAUSE.toSeconds() + " s");
      Thread.sleep(RESTART_PAUSE.toMillis());
      startJob();
      // Read while the new instance starts up, before it can make progress; after a Cassandra
      // restart this waits for the driver to reconnect.
      linesAtDisruption = freshLines();
    }

    private static long millis(long millis) {
      return TimeUnit.MILLISECONDS.toNanos(millis);
    }

    /** Lines processed so far; while Cassandra is unreachable, the last value read. */
    private long lines() {
      try {
        lastLines = ItSupport.linesProcessed(session, NAME);
      } catch (DriverException e) {
        // The node is restarting or the driver has not reconnected yet: try again later.
      }
      return lastLines;
    }

    /** Lines processed so far, read now: waits while the driver reconnects. */
    private long freshLines() throws InterruptedException {
      while (true) {
        checkDeadline("reading batch_stats");
        try {
          lastLines = ItSupport.linesProcessed(session, NAME);
          return lastLines;
        } catch (DriverException e) {
          Thread.sleep(500);
        }
      }
    }

    private void checkDeadline(String doing) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "timed out after " + TIMEOUT.toMinutes() + " minutes " + doing + "; " + lastLines
                + " of " + TOTAL + " lines processed");
      }
    }

    private void note(String event) {
      String line = Instant.now() + " " + event;
      history.append(line).append('\n');
      say(event);
    }

    String history() {
      return "---- supervisor ----\n" + history;
    }
  }

  /** The query's checkpoint on HDFS, as Spark's offset and commit logs tell it. */
  private static final class Checkpoint {
    private final MiniHdfs hdfs;
    private final String uri;
    private long lastOffsets = -1;

    Checkpoint(MiniHdfs hdfs, String uri) {
      this.hdfs = hdfs;
      this.uri = uri;
    }

    /** The newest batch whose offsets are logged but which is not committed; -1 if none. */
    long uncommittedBatch() throws IOException {
      while (hdfs.exists(uri + "/offsets/" + (lastOffsets + 1))) {
        lastOffsets++;
      }
      return lastOffsets >= 0 && !hdfs.exists(uri + "/commits/" + lastOffsets) ? lastOffsets : -1;
    }
  }

  /** The job in a JVM of its own, so that it can really be killed with SIGKILL. */
  private static final class JobProcess implements AutoCloseable {
    private static final Pattern BATCH_DONE = Pattern.compile("BatchProcessor: batch (\\d+): ");
    private final List<String> command;
    private final Path directory;
    final Path log;
    /** Kills the job if this JVM goes away before the test is over. */
    private final Thread reaper = new Thread(this::destroyNow, "crash-it-job-reaper");
    private volatile Process process;
    private int starts;

    JobProcess(List<String> command, Path directory, Path log) throws IOException {
      this.command = command;
      this.directory = directory;
      this.log = log;
      Files.deleteIfExists(log);
      Runtime.getRuntime().addShutdownHook(reaper);
    }

    private void destroyNow() {
      Process running = process;
      if (running != null) {
        running.destroyForcibly();
      }
    }

    void start() throws IOException {
      starts++;
      append("==== CrashRecoveryIT: job start #" + starts + " at " + Instant.now());
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .directory(directory.toFile())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
      // The config file says everything; SSA_* variables would override it.
      builder.environment().keySet().removeIf(k -> k.startsWith("SSA_"));
      process = builder.start();
    }

    boolean alive() {
      return process != null && process.isAlive();
    }

    String exitCode() {
      return process == null || process.isAlive() ? "-" : Integer.toString(process.exitValue());
    }

    /** SIGKILL on Linux: no shutdown hook, no clean stop of the query. */
    void kill() throws Exception {
      process.destroyForcibly();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        throw new AssertionError("the job's JVM outlived SIGKILL for 30 s");
      }
      append("==== CrashRecoveryIT: SIGKILL at " + Instant.now() + ", exit " + exitCode());
    }

    /** SIGTERM, so the query stops cleanly; SIGKILL if that takes more than 20 s. */
    void stop() throws Exception {
      if (!alive()) {
        return;
      }
      process.destroy();
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
      }
      append("==== CrashRecoveryIT: stopped at " + Instant.now() + ", exit " + exitCode());
    }

    @Override
    public void close() throws Exception {
      stop();
      try {
        Runtime.getRuntime().removeShutdownHook(reaper);
      } catch (IllegalStateException shuttingDown) {
        // The hook runs anyway.
      }
    }

    /** Batches whose writes completed more than once: killed after writing, before committing. */
    long rerunBatches() throws IOException {
      Map<String, Integer> done = new HashMap<>();
      for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
        Matcher m = BATCH_DONE.matcher(line);
        if (m.find()) {
          done.merge(m.group(1), 1, Integer::sum);
        }
      }
      return done.values().stream().filter(n -> n > 1).count();
    }

    String tail(int lines) {
      try {
        List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
      } catch (IOException e) {
        return "(cannot read " + log + ": " + e + ")";
      }
    }

    private void append(String line) throws IOException {
      Files.writeString(
          log, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    }
  }

  /** java, the JVM flags Spark needs (as this JVM got them), the test classpath, the job's main. */
  private static List<String> jobCommand(Path repo, Path config, Path work) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    List<String> jvmArgs = ManagementFactory.getRuntimeMXBean().getInputArguments();
    for (int i = 0; i < jvmArgs.size(); i++) {
      String arg = jvmArgs.get(i);
      if ((arg.equals("--add-opens") || arg.equals("--add-exports")) && i + 1 < jvmArgs.size()) {
        command.add(arg);
        command.add(jvmArgs.get(++i));
      } else if (arg.startsWith("--add-opens") || arg.startsWith("--add-exports")
          || arg.startsWith("-Djdk.reflect")) {
        command.add(arg);
      }
    }
    command.add("-Xmx1g");
    // Faster start and warm-up of a JVM that lives for seconds, on a box shared with Cassandra.
    command.add("-XX:TieredStopAtLevel=1");
    command.add("-XX:+UseSerialGC");
    command.add("-Dlog4j.configurationFile=" + repo.resolve("conf/log4j2.properties"));
    command.add("-Dspark.ui.enabled=false");
    // Spark's scratch directories, which a killed JVM leaves behind: under target/, emptied here.
    Path tmp = work.resolve("tmp");
    if (Files.exists(tmp)) {
      try (var paths = Files.walk(tmp)) {
        for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.delete(path);
        }
      }
    }
    command.add("-Djava.io.tmpdir=" + Files.createDirectories(tmp));
    // The classpath in an argument file: a single argument is limited to 128 KiB on Linux.
    Path classpath = config.resolveSibling("job-classpath.args");
    Files.writeString(
        classpath, "-cp \"" + System.getProperty("java.class.path")
            .replace("\\", "\\\\").replace("\"", "\\\"") + "\"\n",
        StandardCharsets.UTF_8);
    command.add("@" + classpath);
    command.add("ssa.job.StreamingJobMain");
    command.add("--config");
    command.add(config.toString());
    return command;
  }

  /** The job's HOCON: the settings the test reads the tables with, and the checkpoint. */
  private static Path writeJobConfig(Path file, JobSettings settings, String checkpoint)
      throws IOException {
    String hocon =
        "ssa.job {\n"
            + "  name = " + settings.name() + "\n"
            + "  source.host = \"" + settings.source().host() + "\"\n"
            + "  source.port = " + settings.source().port() + "\n"
            + "  source.max-lines-per-batch = " + settings.source().maxLinesPerBatch() + "\n"
            + "  trigger-interval = " + settings.triggerInterval().toMillis() + "ms\n"
            + "  shuffle-partitions = " + settings.shufflePartitions() + "\n"
            + "  monitoring.http-port = 0\n"
            + "  checkpoint-location = \"" + checkpoint + "\"\n"
            + "  cassandra.host = \"" + settings.cassandra().host() + "\"\n"
            + "  cassandra.port = " + settings.cassandra().port() + "\n"
            + "  cassandra.keyspace = " + settings.cassandra().keyspace() + "\n"
            + "}\n";
    Files.writeString(file, hocon, StandardCharsets.UTF_8);
    return file;
  }

  /** Runs {@code bash script command} with output to {@code log}; its exit code. */
  private static int runScript(Path script, String command, Path log, long timeoutNanos)
      throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder("bash", script.toString(), command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()))
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
            .start();
    if (!process.waitFor(Math.max(1, timeoutNanos), TimeUnit.NANOSECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(script + " " + command + " did not finish in time:\n" + read(log));
    }
    return process.exitValue();
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(cannot read " + file + ": " + e + ")";
    }
  }

  private static long secondsSince(long nanos) {
    return TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - nanos);
  }

  private static void say(String line) {
    System.out.println("CrashRecoveryIT " + Instant.now() + " " + line);
  }
}
