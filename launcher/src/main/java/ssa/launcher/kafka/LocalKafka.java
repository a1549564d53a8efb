package ssa.launcher.kafka;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import ssa.launcher.Commands;
import ssa.launcher.Daemon;
import ssa.launcher.Directories;
import ssa.launcher.EngineJars;
import ssa.launcher.Log;
import ssa.launcher.Ports;
import ssa.launcher.RepoRoot;
import ssa.launcher.Template;
import ssa.launcher.cassandra.CassandraOptions;

/**
 * A single-node Apache Kafka in KRaft mode (broker and controller in one JVM) from the Kafka jars
 * on Maven Central, on 127.0.0.1:9092, data under {@code $SSA_HOME/kafka}. Its storage is formatted
 * on the first start. The durable, replayable log the job reads with Spark's own Kafka source.
 */
public final class LocalKafka {
  public static final int PORT = 9092;
  private static final int CONTROLLER_PORT = 9093;
  private static final String HEAP = "512m";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

  private final Path home;
  private final Path java;
  private final EngineJars jars;
  private final Log log = new Log("kafka");
  private final Daemon broker;

  public LocalKafka(Path ssaHome, Path java, EngineJars jars) {
    this.home = ssaHome.resolve("kafka");
    this.java = java;
    this.jars = jars;
    this.broker = new Daemon("Kafka broker (127.0.0.1:" + PORT + ")", home, logFile(), log);
  }

  /**
   * The broker under SSA_HOME, run with JAVA_HOME's java: the same places as the Cassandra node.
   */
  public static LocalKafka fromEnvironment() {
    CassandraOptions options = CassandraOptions.fromEnvironment(System.getenv(), RepoRoot.find());
    return new LocalKafka(options.ssaHome(), options.java(), new EngineJars(options.repoRoot()));
  }

  /** Where clients find it (bootstrap.servers). */
  public static String bootstrapServers() {
    return "127.0.0.1:" + PORT;
  }

  private Path logFile() {
    return home.resolve("logs/broker.log");
  }

  public Daemon daemon() {
    return broker;
  }

  public void start() {
    writeConfig();
    if (broker.process().isPresent()) {
      log.say(broker.name() + " already runs");
      return;
    }
    Ports.requireFree("127.0.0.1", PORT, "the Kafka broker needs it");
    Ports.requireFree("127.0.0.1", CONTROLLER_PORT, "the Kafka controller needs it");
    formatOnce();
    log.say("Starting " + broker.name() + ": heap " + HEAP + ", data in " + home.resolve("data"));
    broker.awaitReady(
        broker.start(java, jvm("kafka.Kafka", config().toString()), Map.of()),
        START_TIMEOUT,
        () -> broker.logSays("Kafka Server started") && Ports.open("127.0.0.1", PORT));
  }

  public void stop() {
    broker.stop(STOP_TIMEOUT);
  }

  /** Ends the broker with SIGKILL, as a crash would. */
  public void kill() {
    broker.kill();
  }

  public boolean running() {
    return broker.process().isPresent() && Ports.open("127.0.0.1", PORT);
  }

  /** Stops it and deletes every topic it holds. */
  public void reset() {
    stop();
    try {
      Directories.delete(home.resolve("data"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Path config() {
    return home.resolve("conf/server.properties");
  }

  /** KRaft storage needs a cluster id written into it once, before the first start. */
  private void formatOnce() {
    if (Files.exists(home.resolve("data/meta.properties"))) {
      return;
    }
    byte[] id = new byte[16];
    new SecureRandom().nextBytes(id);
    String clusterId = Base64.getUrlEncoder().withoutPadding().encodeToString(id);
    log.say("Formatting the broker's storage " + home.resolve("data"));
    List<String> command = new ArrayList<>(List.of(java.toString()));
    command.addAll(
        jvm("kafka.tools.StorageTool", "format", "-t", clusterId, "-c", config().toString()));
    Commands.run(command, home.resolve("logs/format.log"), "formatting Kafka's storage");
  }

  private List<String> jvm(String main, String... args) {
    List<String> out = new ArrayList<>();
    out.add("-Xms128m");
    out.add("-Xmx" + HEAP);
    out.add("-Dlog4j2.configurationFile=" + home.resolve("conf/log4j2.properties"));
    out.add("-Dkafka.logs.dir=" + home.resolve("logs"));
    out.add("-cp");
    out.add(String.join(File.pathSeparator, jars.kafka().stream().map(Path::toString).toList()));
    out.add(main);
    out.addAll(List.of(args));
    return out;
  }

  private void writeConfig() {
    Map<String, String> values =
        Map.of(
            "home", home.toString(),
            "port", Integer.toString(PORT),
            "controller_port", Integer.toString(CONTROLLER_PORT));
    try {
      Files.createDirectories(home.resolve("conf"));
      Files.createDirectories(home.resolve("logs"));
      for (String file : List.of("server.properties", "log4j2.properties")) {
        Files.writeString(
            home.resolve("conf").resolve(file), Template.resource("kafka/" + file).render(values));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write Kafka's config under " + home, e);
    }
  }
}
