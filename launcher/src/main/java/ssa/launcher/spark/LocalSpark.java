package ssa.launcher.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import ssa.launcher.Daemon;
import ssa.launcher.Directories;
import ssa.launcher.EngineJars;
import ssa.launcher.Log;
import ssa.launcher.Ports;

/**
 * A Spark standalone cluster on 127.0.0.1: a master and {@code workers} workers, each its own JVM
 * from the Spark jars Maven fetched, with one core each. A worker starts executors with a plain
 * {@code java} command whose classpath is {@code $SPARK_HOME/jars/*} (Spark's
 * WorkerCommandBuilder), so the launcher lays out a SPARK_HOME of links to those jars under {@code
 * $SSA_HOME/cluster/spark/home}.
 */
public final class LocalSpark {
  public static final int MASTER_PORT = 7077;
  private static final int MASTER_UI_PORT = 8080;
  private static final int FIRST_WORKER_PORT = 7078;
  private static final int FIRST_WORKER_UI_PORT = 8081;

  /** What each worker offers its executors: an executor needs 450 MiB at least (Spark's floor). */
  public static final String WORKER_MEMORY = "1g";

  private static final String DAEMON_HEAP = "256m";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

  private final Path home;
  private final Path java;
  private final EngineJars jars;
  private final Log log = new Log("spark");
  private final Daemon master;
  private final List<Daemon> workers = new ArrayList<>();

  public LocalSpark(Path home, Path java, EngineJars jars, int workers) {
    this.home = home;
    this.java = java;
    this.jars = jars;
    this.master = new Daemon("Spark master", home.resolve("master"), logFile("master"), log);
    for (int i = 1; i <= workers; i++) {
      this.workers.add(
          new Daemon("Spark worker " + i, home.resolve("worker" + i), logFile("worker" + i), log));
    }
  }

  private Path logFile(String daemon) {
    return home.resolve("logs/" + daemon + ".log");
  }

  /** What {@code spark-submit --master} takes. */
  public static String masterUrl() {
    return "spark://127.0.0.1:" + MASTER_PORT;
  }

  public List<Daemon> daemons() {
    List<Daemon> all = new ArrayList<>(List.of(master));
    all.addAll(workers);
    return all;
  }

  /** A worker, by number from 1: for the tests that kill one mid-stream. */
  public Daemon worker(int number) {
    return workers.get(number - 1);
  }

  public void start() {
    if (master.process().isEmpty()) {
      refuseBusyPort(MASTER_PORT);
      layOutSparkHome();
      master.awaitReady(
          master.start(
              java,
              jvm(
                  "org.apache.spark.deploy.master.Master",
                  "--host",
                  "127.0.0.1",
                  "--port",
                  Integer.toString(MASTER_PORT),
                  "--webui-port",
                  Integer.toString(MASTER_UI_PORT)),
              environment()),
          START_TIMEOUT,
          () -> master.logSays("I have been elected leader"));
    }
    for (int i = 1; i <= workers.size(); i++) {
      start(i);
    }
  }

  /** Starts one worker unless it runs, e.g. after a test killed it. */
  public void start(int number) {
    Daemon worker = worker(number);
    Optional<ProcessHandle> running = worker.process();
    if (running.isPresent()) {
      return;
    }
    int port = FIRST_WORKER_PORT + number - 1;
    refuseBusyPort(port);
    Path work = home.resolve("worker" + number + "/work");
    worker.awaitReady(
        worker.start(
            java,
            jvm(
                "org.apache.spark.deploy.worker.Worker",
                "--host",
                "127.0.0.1",
                "--port",
                Integer.toString(port),
                "--webui-port",
                Integer.toString(FIRST_WORKER_UI_PORT + number - 1),
                "--cores",
                "1",
                "--memory",
                WORKER_MEMORY,
                "--work-dir",
                work.toString(),
                masterUrl()),
            environment()),
        START_TIMEOUT,
        () -> worker.logSays("Successfully registered with master"));
  }

  /** Workers first, so that none of them outlives its master. */
  public void stop() {
    for (int i = workers.size(); i >= 1; i--) {
      worker(i).stop(STOP_TIMEOUT);
    }
    master.stop(STOP_TIMEOUT);
  }

  /** Stops it all and deletes the workers' directories (executors' logs and the app's jars). */
  public void reset() {
    stop();
    try {
      for (int i = 1; i <= workers.size(); i++) {
        Directories.delete(home.resolve("worker" + i + "/work"));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * SPARK_HOME as the worker reads it: {@code jars/} (links to the jars the build lists) and {@code
   * conf/}. SPARK_SCALA_VERSION saves it a {@code launcher/target/scala-2.13} directory;
   * SPARK_LOCAL_IP keeps every daemon on 127.0.0.1 instead of the host's first address.
   */
  private Map<String, String> environment() {
    return Map.of(
        "SPARK_HOME", sparkHome().toString(),
        "SPARK_SCALA_VERSION", "2.13",
        "SPARK_LOCAL_IP", "127.0.0.1");
  }

  private Path sparkHome() {
    return home.resolve("home");
  }

  private void layOutSparkHome() {
    Path jarsDir = sparkHome().resolve("jars");
    try {
      Directories.delete(jarsDir);
      Files.createDirectories(jarsDir);
      Files.createDirectories(sparkHome().resolve("conf"));
      for (Path jar : jars.spark()) {
        Path link = jarsDir.resolve(jar.getFileName());
        if (!Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
          Files.createSymbolicLink(link, jar);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot lay out SPARK_HOME under " + sparkHome(), e);
    }
  }

  private List<String> jvm(String main, String... arguments) {
    List<String> command =
        new ArrayList<>(
            List.of(
                "-Xms128m",
                "-Xmx" + DAEMON_HEAP,
                "-cp",
                sparkHome().resolve("conf") + "/:" + sparkHome().resolve("jars") + "/*",
                main));
    command.addAll(List.of(arguments));
    return command;
  }

  private static void refuseBusyPort(int port) {
    Ports.requireFree("127.0.0.1", port, "Spark needs it");
  }
}
