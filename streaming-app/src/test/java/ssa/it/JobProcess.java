package ssa.it;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import ssa.config.JobSettings;
import ssa.launcher.spark.LocalSpark;

/** The job in a JVM of its own, so that it can really be killed with SIGKILL. */
final class JobProcess implements AutoCloseable {
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
  void stop() throws IOException, InterruptedException {
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

  /** Stops the job; interrupted meanwhile, kills it and keeps the thread's interrupt status. */
  @Override
  public void close() throws IOException {
    try {
      stop();
    } catch (InterruptedException e) {
      destroyNow();
      Thread.currentThread().interrupt();
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(reaper);
      } catch (IllegalStateException shuttingDown) {
        // The hook runs anyway.
      }
    }
  }

  /** A test's failure, with what happened before it and the end of the job's log. */
  AssertionError failure(Throwable e, String history) {
    return new AssertionError(
        e.getMessage() + "\n" + history + "\n---- last lines of " + log + " ----\n" + tail(80), e);
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
        log,
        line + "\n",
        StandardCharsets.UTF_8,
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
  }

  /** java, the JVM flags Spark needs (as this JVM got them), the test classpath, the job's main. */
  static List<String> command(Path repo, Path config, Path work) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(sparkJvmFlags());
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
        classpath,
        "-cp \""
            + System.getProperty("java.class.path").replace("\\", "\\\\").replace("\"", "\\\"")
            + "\"\n",
        StandardCharsets.UTF_8);
    command.add("@" + classpath);
    command.add("ssa.job.StreamingJobMain");
    command.add("--config");
    command.add(config.toString());
    return command;
  }

  /**
   * The job on the local cluster's Spark master, as {@code run.sh cluster submit} runs it: Spark's
   * SparkSubmit from the jars the build lists, the shaded app jar, executors that fit a worker.
   */
  static List<String> clusterCommand(Path repo, Path config, Path work) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(sparkJvmFlags());
    command.add("-Xmx1g");
    command.add("-Dlog4j.configurationFile=" + repo.resolve("conf/log4j2.properties"));
    Path classpath = config.resolveSibling("submit-classpath.args");
    Files.writeString(
        classpath,
        "-cp \""
            + Files.readString(repo.resolve("streaming-app/target/spark-classpath.txt")).trim()
            + "\"\n",
        StandardCharsets.UTF_8);
    command.add("@" + classpath);
    command.addAll(
        List.of(
            "org.apache.spark.deploy.SparkSubmit",
            "--master",
            LocalSpark.masterUrl(),
            "--deploy-mode",
            "client",
            "--class",
            "ssa.job.StreamingJobMain",
            "--executor-memory",
            "768m",
            "--total-executor-cores",
            "2",
            "--conf",
            "spark.ui.enabled=false",
            "--conf",
            "spark.local.dir=" + Files.createDirectories(work.resolve("tmp")),
            repo.resolve("streaming-app/target/ssa-streaming-app-all.jar").toString(),
            "--config",
            config.toString()));
    return command;
  }

  /** The JVM flags Spark needs on Java 17, as this JVM got them. */
  private static List<String> sparkJvmFlags() {
    List<String> flags = new ArrayList<>();
    List<String> jvmArgs = ManagementFactory.getRuntimeMXBean().getInputArguments();
    for (int i = 0; i < jvmArgs.size(); i++) {
      String arg = jvmArgs.get(i);
      if ((arg.equals("--add-opens") || arg.equals("--add-exports")) && i + 1 < jvmArgs.size()) {
        flags.add(arg);
        flags.add(jvmArgs.get(++i));
      } else if (arg.startsWith("--add-opens")
          || arg.startsWith("--add-exports")
          || arg.startsWith("-Djdk.reflect")) {
        flags.add(arg);
      }
    }
    return flags;
  }

  /** The job's HOCON: the settings the test reads the tables with, and the checkpoint. */
  static Path writeConfig(Path file, JobSettings settings, String checkpoint) throws IOException {
    String hocon =
        "ssa.job {\n"
            + "  name = "
            + settings.name()
            + "\n"
            + "  source.host = \""
            + settings.source().host()
            + "\"\n"
            + "  source.port = "
            + settings.source().port()
            + "\n"
            + "  source.max-lines-per-batch = "
            + settings.source().maxLinesPerBatch()
            + "\n"
            + "  source.format = "
            + settings.source().format()
            + "\n"
            + "  source.kafka.bootstrap-servers = \""
            + settings.source().kafkaBootstrapServers()
            + "\"\n"
            + "  source.kafka.topic = \""
            + settings.source().kafkaTopic()
            + "\"\n"
            + "  trigger-interval = "
            + settings.triggerInterval().toMillis()
            + "ms\n"
            + "  shuffle-partitions = "
            + settings.shufflePartitions()
            + "\n"
            + "  monitoring.http-port = 0\n"
            + "  rollup.coarse-write-interval = "
            + settings.coarseWriteInterval().toMillis()
            + "ms\n"
            + "  rollup.coarse-write-min-rows = "
            + settings.coarseWriteMinRows()
            + "\n"
            + "  checkpoint-location = \""
            + checkpoint
            + "\"\n"
            + "  cassandra.host = \""
            + settings.cassandra().host()
            + "\"\n"
            + "  cassandra.port = "
            + settings.cassandra().port()
            + "\n"
            + "  cassandra.keyspace = "
            + settings.cassandra().keyspace()
            + "\n"
            + settings
                .cassandra()
                .security()
                .credentials()
                .map(
                    c ->
                        "  cassandra.username = \""
                            + c.username()
                            + "\"\n"
                            + "  cassandra.password = \""
                            + c.password()
                            + "\"\n")
                .orElse("")
            + "}\n";
    Files.writeString(file, hocon, StandardCharsets.UTF_8);
    return file;
  }
}
