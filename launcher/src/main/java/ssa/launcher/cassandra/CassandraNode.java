package ssa.launcher.cassandra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import ssa.launcher.Daemon;
import ssa.launcher.Directories;
import ssa.launcher.Log;
import ssa.launcher.Ports;
import ssa.launcher.Template;

/**
 * One local Cassandra node: its own JVM ({@link Daemon}), directories, address (127.0.0.x) and JMX
 * port, run from the shared cassandra-all jars.
 */
public final class CassandraNode {
  private static final String MAIN = "org.apache.cassandra.service.CassandraDaemon";
  private static final String CQL_READY = "Starting listening for CQL clients";
  private static final String SUPERUSER_CREATED = "Created default superuser role";

  /**
   * A node on data whose roles exist says nothing about them: after this long with CQL up and no
   * such line, its roles are taken to exist.
   */
  private static final Duration ROLES_GRACE = Duration.ofSeconds(30);

  private static final int LAST_JMX_PORT = 7299;

  /** What the node is, given by {@link LocalCassandra}. */
  record Spec(
      int index,
      String address,
      Path home,
      String clusterName,
      String seeds,
      String heap,
      boolean hintedHandoff,
      boolean passwordAuth,
      Duration ringDelay) {}

  /** Running and answering CQL, running but not answering yet, or not running. */
  public enum State {
    RUNNING,
    NOT_ANSWERING,
    STOPPED
  }

  private final CassandraOptions options;
  private final Spec spec;
  private final Log log;
  private final Daemon daemon;

  CassandraNode(CassandraOptions options, Spec spec, Log log) {
    this.options = options;
    this.spec = spec;
    this.log = log;
    this.daemon =
        new Daemon(
            "Cassandra node " + spec.index() + " (" + spec.address() + ")",
            spec.home(),
            spec.home().resolve("logs/cassandra.log"),
            log);
  }

  public String address() {
    return spec.address();
  }

  public int cqlPort() {
    return options.cqlPort();
  }

  public String name() {
    return daemon.name();
  }

  private Path conf() {
    return spec.home().resolve("conf");
  }

  private Path yaml() {
    return conf().resolve("cassandra.yaml");
  }

  private Path jmxFile() {
    return spec.home().resolve("cassandra.jmx");
  }

  private Path authReadyMarker() {
    return spec.home().resolve("data/.ssa-auth-ready");
  }

  /** The node's JVM, if it runs. */
  public Optional<ProcessHandle> process() {
    return daemon.process();
  }

  public State state() {
    if (process().isEmpty()) {
      return State.STOPPED;
    }
    return Ports.open(spec.address(), options.cqlPort()) ? State.RUNNING : State.NOT_ANSWERING;
  }

  /** A line for {@code status}. */
  public String describe() {
    Optional<ProcessHandle> process = process();
    String where = spec.address() + ":" + options.cqlPort();
    if (process.isEmpty()) {
      return name() + ": stopped (home " + spec.home() + ")";
    }
    String jmx = readOr(jmxFile(), "?");
    String state =
        Ports.open(spec.address(), options.cqlPort()) ? "running" : "running, CQL not answering";
    return String.format(
        "%s: %s (pid %d, CQL %s, JMX %s, heap %s, home %s)",
        name(), state, process.get().pid(), where, jmx, spec.heap(), spec.home());
  }

  /** Starts the node unless it runs, and waits until it answers CQL. */
  public void start(CassandraJars jars) {
    Optional<ProcessHandle> running = process();
    if (running.isPresent()) {
      if (ready()) {
        log.say(name() + " already running (pid " + running.get().pid() + ").");
        return;
      }
      log.say(name() + " is running but does not answer CQL yet; waiting.");
      awaitReady(running.get());
      return;
    }
    refuseBusyPort(options.cqlPort(), "SSA_CASSANDRA_PORT");
    refuseBusyPort(options.storagePort(), "SSA_CASSANDRA_STORAGE_PORT");
    int jmx = jmxPort();
    String classpath = jars.classpath(log);
    try {
      writeConfig(jmx);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the config of " + name(), e);
    }
    write(jmxFile(), Integer.toString(jmx));
    log.say(
        String.format(
            "Starting %s: heap %s, CQL %s:%d, JMX 127.0.0.1:%d, in %s",
            name(), spec.heap(), spec.address(), options.cqlPort(), jmx, spec.home()));
    List<String> arguments = new ArrayList<>(jvmOptions(jmx));
    arguments.addAll(options.extraJvmOptions());
    arguments.addAll(List.of("-cp", classpath, MAIN));
    awaitReady(daemon.start(options.java(), arguments, Map.of()));
  }

  private Map<String, String> values(int jmx) {
    Path home = spec.home();
    long heapMiB = heapMiB(spec.heap());
    return Map.ofEntries(
        Map.entry("cluster_name", Template.yamlString(spec.clusterName())),
        Map.entry("seeds", spec.seeds()),
        Map.entry("address", spec.address()),
        Map.entry("storage_port", Integer.toString(options.storagePort())),
        Map.entry("cql_port", Integer.toString(options.cqlPort())),
        Map.entry("data_dir", home.resolve("data").toString()),
        Map.entry("commitlog_dir", home.resolve("commitlog").toString()),
        Map.entry("saved_caches_dir", home.resolve("saved_caches").toString()),
        Map.entry("hints_dir", home.resolve("hints").toString()),
        Map.entry("cdc_raw_dir", home.resolve("cdc_raw").toString()),
        Map.entry("logs_dir", home.resolve("logs").toString()),
        Map.entry("yaml", yaml().toString()),
        Map.entry("logback", conf().resolve("logback.xml").toString()),
        Map.entry("hinted_handoff", Boolean.toString(spec.hintedHandoff())),
        Map.entry("memtable_heap_space", heapMiB / 4 + "MiB"),
        Map.entry("memtable_offheap_space", heapMiB / 2 + "MiB"),
        Map.entry(
            "authenticator",
            spec.passwordAuth() ? "PasswordAuthenticator" : "AllowAllAuthenticator"),
        Map.entry("heap", spec.heap()),
        Map.entry("jmx_port", Integer.toString(jmx)),
        Map.entry("ring_delay_ms", Long.toString(spec.ringDelay().toMillis())));
  }

  /** The yaml's paths are single-quoted scalars there; the JVM options take them as they are. */
  private void writeConfig(int jmx) throws IOException {
    for (String dir : List.of("data", "commitlog", "saved_caches", "hints", "cdc_raw", "logs")) {
      Files.createDirectories(spec.home().resolve(dir));
    }
    Files.createDirectories(conf());
    Map<String, String> values = values(jmx);
    Map<String, String> yamlValues = new HashMap<>(values);
    for (String path :
        List.of("data_dir", "commitlog_dir", "saved_caches_dir", "hints_dir", "cdc_raw_dir")) {
      yamlValues.put(path, Template.yamlString(values.get(path)));
    }
    write(yaml(), Template.resource("cassandra/cassandra.yaml").render(yamlValues));
    write(conf().resolve("logback.xml"), Template.resource("cassandra/logback.xml").render(values));
  }

  private List<String> jvmOptions(int jmx) {
    return Template.resource("cassandra/jvm.options")
        .render(values(jmx))
        .lines()
        .map(String::strip)
        .filter(line -> !line.isEmpty() && !line.startsWith("#"))
        .toList();
  }

  private static long heapMiB(String heap) {
    long n = Long.parseLong(heap.substring(0, heap.length() - 1));
    return Character.toUpperCase(heap.charAt(heap.length() - 1)) == 'G' ? n * 1024 : n;
  }

  private void refuseBusyPort(int port, String variable) {
    Ports.requireFree(
        spec.address(),
        port,
        "it is not " + name() + ": stop it or pick another port with " + variable);
  }

  /** SSA_CASSANDRA_JMX_PORT plus the node's index less one; else the first free from 7199. */
  private int jmxPort() {
    if (options.jmxPort().isPresent()) {
      int port = options.jmxPort().getAsInt() + spec.index() - 1;
      Ports.requireFree("127.0.0.1", port, "it is the JMX port SSA_CASSANDRA_JMX_PORT gives");
      return port;
    }
    for (int port = 7199 + spec.index() - 1; port <= LAST_JMX_PORT; port++) {
      if (!Ports.open("127.0.0.1", port)) {
        return port;
      }
    }
    throw new IllegalStateException(
        "no free JMX port in 7199.." + LAST_JMX_PORT + "; set SSA_CASSANDRA_JMX_PORT");
  }

  private boolean ready() {
    return Ports.open(spec.address(), options.cqlPort()) && rolesReady(System.nanoTime());
  }

  private void awaitReady(ProcessHandle process) {
    long[] cqlUp = {0};
    daemon.awaitReady(
        process,
        options.startTimeout(),
        () -> {
          if (cqlUp[0] == 0
              && daemon.logSays(CQL_READY)
              && Ports.open(spec.address(), options.cqlPort())) {
            cqlUp[0] = System.nanoTime();
          }
          return cqlUp[0] != 0 && rolesReady(cqlUp[0]);
        });
  }

  /**
   * With PasswordAuthenticator every login fails until the default superuser exists, which a node
   * on fresh data creates after CQL is up.
   */
  private boolean rolesReady(long cqlUpNanos) {
    if (!spec.passwordAuth() || Files.exists(authReadyMarker())) {
      return true;
    }
    boolean ready =
        daemon.logSays(SUPERUSER_CREATED) || System.nanoTime() - cqlUpNanos > ROLES_GRACE.toNanos();
    if (ready) {
      write(authReadyMarker(), "");
    }
    return ready;
  }

  /** SIGTERM, then SIGKILL after SSA_CASSANDRA_STOP_TIMEOUT. Nothing to do when not running. */
  public void stop() {
    daemon.stop(options.stopTimeout());
  }

  /** SIGKILL, as a crash would: for the tests that kill a node mid-stream. */
  public void kill() {
    daemon.kill();
  }

  /** Stops the node and deletes its data; keeps its logs. */
  public void reset() {
    stop();
    log.say("Deleting the data of " + name() + " under " + spec.home());
    try {
      for (String dir : List.of("data", "commitlog", "saved_caches", "hints", "cdc_raw")) {
        Directories.delete(spec.home().resolve(dir));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void write(Path file, String text) {
    try {
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String readOr(Path file, String otherwise) {
    try {
      return Files.readString(file).trim();
    } catch (IOException e) {
      return otherwise;
    }
  }
}
