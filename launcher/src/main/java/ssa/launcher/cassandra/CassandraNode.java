package ssa.launcher.cassandra;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import ssa.launcher.Log;
import ssa.launcher.Ports;
import ssa.launcher.Template;

/**
 * One local Cassandra node: its own JVM, directories, address (127.0.0.N) and JMX port, run from
 * the shared cassandra-all jars. The node outlives the launcher; the launcher finds it again by the
 * path of its cassandra.yaml in the JVM's command line, which is unique to the node's directory.
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

  CassandraNode(CassandraOptions options, Spec spec, Log log) {
    this.options = options;
    this.spec = spec;
    this.log = log;
  }

  public String address() {
    return spec.address();
  }

  public int cqlPort() {
    return options.cqlPort();
  }

  public Path home() {
    return spec.home();
  }

  public String name() {
    return "node " + spec.index() + " (" + spec.address() + ")";
  }

  private Path conf() {
    return spec.home().resolve("conf");
  }

  private Path yaml() {
    return conf().resolve("cassandra.yaml");
  }

  Path logFile() {
    return spec.home().resolve("logs/cassandra.log");
  }

  private Path pidFile() {
    return spec.home().resolve("cassandra.pid");
  }

  private Path jmxFile() {
    return spec.home().resolve("cassandra.jmx");
  }

  private Path authReadyMarker() {
    return spec.home().resolve("data/.ssa-auth-ready");
  }

  /** The node's JVM, if it runs. */
  public Optional<ProcessHandle> process() {
    try {
      if (Files.isRegularFile(pidFile())) {
        long pid = Long.parseLong(Files.readString(pidFile()).trim());
        Optional<ProcessHandle> recorded = ProcessHandle.of(pid).filter(this::isThisNode);
        if (recorded.isPresent()) {
          return recorded;
        }
      }
    } catch (IOException | NumberFormatException e) {
      // A damaged pid file: look for the JVM by its command line instead.
    }
    Optional<ProcessHandle> found =
        ProcessHandle.allProcesses().filter(this::isThisNode).findFirst();
    found.ifPresent(this::writePid);
    return found;
  }

  private boolean isThisNode(ProcessHandle process) {
    String marker = "-Dcassandra.config=file://" + yaml();
    return process.isAlive()
        && process.info().commandLine().map(line -> line.contains(marker)).orElse(false);
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
      return "cassandra " + name() + ": stopped (home " + spec.home() + ")";
    }
    String jmx = readOr(jmxFile(), "?");
    String state =
        Ports.open(spec.address(), options.cqlPort()) ? "running" : "running, CQL not answering";
    return String.format(
        "cassandra %s: %s (pid %d, CQL %s, JMX %s, heap %s, home %s)",
        name(), state, process.get().pid(), where, jmx, spec.heap(), spec.home());
  }

  /** Starts the node unless it runs, and waits until it answers CQL. */
  public void start(CassandraJars jars) {
    Optional<ProcessHandle> running = process();
    if (running.isPresent()) {
      if (ready()) {
        log.say("Cassandra " + name() + " already running (pid " + running.get().pid() + ").");
        return;
      }
      log.say("Cassandra " + name() + " is running but does not answer CQL yet; waiting.");
      awaitReady(running.get());
      return;
    }
    refuseBusyPort(options.cqlPort(), "SSA_CASSANDRA_PORT");
    refuseBusyPort(options.storagePort(), "SSA_CASSANDRA_STORAGE_PORT");
    int jmx = jmxPort();
    String classpath = jars.classpath(log);
    try {
      writeConfig(jmx);
      Files.createDirectories(logFile().getParent());
      if (Files.exists(logFile())) {
        Files.move(
            logFile(),
            logFile().resolveSibling("cassandra.log.1"),
            StandardCopyOption.REPLACE_EXISTING);
      }
      Files.writeString(jmxFile(), Integer.toString(jmx));
      log.say(
          String.format(
              "Starting Cassandra %s: heap %s, CQL %s:%d, JMX 127.0.0.1:%d, in %s",
              name(), spec.heap(), spec.address(), options.cqlPort(), jmx, spec.home()));
      Process process = launch(classpath, jmx).start();
      writePid(process.toHandle());
      awaitReady(process.toHandle());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start Cassandra " + name(), e);
    }
  }

  private ProcessBuilder launch(String classpath, int jmx) {
    List<String> command = new ArrayList<>();
    // Its own session: a Ctrl-C meant for run.sh or a test does not reach the node.
    if (onPath("setsid")) {
      command.add("setsid");
    }
    command.add(options.java().toString());
    command.addAll(jvmOptions(jmx));
    command.addAll(options.extraJvmOptions());
    command.add("-cp");
    command.add(classpath);
    command.add(MAIN);
    return new ProcessBuilder(command)
        .directory(spec.home().toFile())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()))
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
  }

  private static boolean onPath(String program) {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir : path.split(File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
        return true;
      }
    }
    return false;
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
            options.passwordAuth() ? "PasswordAuthenticator" : "AllowAllAuthenticator"),
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
    if (Ports.open(spec.address(), port)) {
      throw new IllegalStateException(
          "port "
              + spec.address()
              + ":"
              + port
              + " is already in use by another process (not Cassandra "
              + name()
              + "); stop it or pick another port with "
              + variable);
    }
  }

  /** SSA_CASSANDRA_JMX_PORT plus the node's index less one; else the first free from 7199. */
  private int jmxPort() {
    if (options.jmxPort().isPresent()) {
      int port = options.jmxPort().getAsInt() + spec.index() - 1;
      if (Ports.open("127.0.0.1", port)) {
        throw new IllegalStateException(
            "JMX port " + port + " (from SSA_CASSANDRA_JMX_PORT) is already in use");
      }
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
    long started = System.nanoTime();
    long deadline = started + options.startTimeout().toNanos();
    long cqlUp = 0;
    while (true) {
      if (!process.isAlive()) {
        deletePid();
        throw new IllegalStateException(
            "Cassandra "
                + name()
                + " exited during startup; last lines of "
                + logFile()
                + ":\n"
                + Log.tail(logFile(), 40));
      }
      if (cqlUp == 0 && logSays(CQL_READY) && Ports.open(spec.address(), options.cqlPort())) {
        cqlUp = System.nanoTime();
      }
      if (cqlUp != 0 && rolesReady(cqlUp)) {
        log.say(
            String.format(
                "Cassandra %s is up (pid %d) after %d s.",
                name(),
                process.pid(),
                TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started)));
        return;
      }
      if (System.nanoTime() > deadline) {
        String tail = Log.tail(logFile(), 40);
        stop(process);
        throw new IllegalStateException(
            "Cassandra "
                + name()
                + " did not answer CQL within "
                + options.startTimeout().toSeconds()
                + " s (SSA_CASSANDRA_START_TIMEOUT); stopped it. Last lines of "
                + logFile()
                + ":\n"
                + tail);
      }
      sleep(Duration.ofMillis(500));
    }
  }

  /**
   * With PasswordAuthenticator every login fails until the default superuser exists, which a node
   * on fresh data creates after CQL is up.
   */
  private boolean rolesReady(long cqlUpNanos) {
    if (!options.passwordAuth() || Files.exists(authReadyMarker())) {
      return true;
    }
    boolean ready =
        logSays(SUPERUSER_CREATED) || System.nanoTime() - cqlUpNanos > ROLES_GRACE.toNanos();
    if (ready) {
      write(authReadyMarker(), "");
    }
    return ready;
  }

  private boolean logSays(String line) {
    try {
      return new String(Files.readAllBytes(logFile()), StandardCharsets.UTF_8).contains(line);
    } catch (IOException e) {
      return false;
    }
  }

  /** SIGTERM, then SIGKILL after SSA_CASSANDRA_STOP_TIMEOUT. Nothing to do when not running. */
  public void stop() {
    Optional<ProcessHandle> process = process();
    if (process.isEmpty()) {
      deletePid();
      log.say("Cassandra " + name() + " is not running.");
      return;
    }
    log.say("Stopping Cassandra " + name() + " (pid " + process.get().pid() + ")");
    stop(process.get());
    log.say("Cassandra " + name() + " stopped.");
  }

  private void stop(ProcessHandle process) {
    process.destroy();
    if (!awaitExit(process, options.stopTimeout())) {
      log.say(
          "Cassandra "
              + name()
              + " still running after "
              + options.stopTimeout().toSeconds()
              + " s; killing it.");
      kill(process);
    }
    deletePid();
  }

  /** SIGKILL, as a crash would: for the tests that kill a node mid-stream. */
  public void kill() {
    process().ifPresent(this::kill);
    deletePid();
  }

  private void kill(ProcessHandle process) {
    process.destroyForcibly();
    if (!awaitExit(process, Duration.ofSeconds(20))) {
      throw new IllegalStateException("Cassandra " + name() + " survived SIGKILL");
    }
  }

  private static boolean awaitExit(ProcessHandle process, Duration timeout) {
    try {
      process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (ExecutionException e) {
      return !process.isAlive();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return !process.isAlive();
    }
  }

  /** Stops the node and deletes its data; keeps its logs. */
  public void reset() {
    stop();
    log.say("Deleting the data of Cassandra " + name() + " under " + spec.home());
    try {
      for (String dir : List.of("data", "commitlog", "saved_caches", "hints", "cdc_raw")) {
        CassandraJars.delete(spec.home().resolve(dir));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void writePid(ProcessHandle process) {
    write(pidFile(), process.pid() + "\n");
  }

  private void deletePid() {
    try {
      Files.deleteIfExists(pidFile());
    } catch (IOException e) {
      // A stale pid file is checked against the command line before it is trusted.
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

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for Cassandra", e);
    }
  }
}
