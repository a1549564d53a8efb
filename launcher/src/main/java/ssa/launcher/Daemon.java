package ssa.launcher;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * The JVM of one local engine (a Cassandra node, the NameNode, a Spark worker...) that outlives the
 * launcher: started in a session of its own with its output in a log file, found again by a marker
 * in its command line ({@code -Dssa.daemon=<its directory>}), stopped with SIGTERM and, after a
 * while, SIGKILL. Its directory is unique to it, so the marker is too.
 */
public final class Daemon {
  private final String name;
  private final Path home;
  private final Path logFile;
  private final Log log;

  /**
   * @param name as the person running it calls it, e.g. "Cassandra node 2 (127.0.0.2)"
   * @param home its own directory: the pid file lives there
   */
  public Daemon(String name, Path home, Path logFile, Log log) {
    this.name = name;
    this.home = home;
    this.logFile = logFile;
    this.log = log;
  }

  public String name() {
    return name;
  }

  private Path pidFile() {
    return home.resolve("daemon.pid");
  }

  private String marker() {
    return "-Dssa.daemon=" + home;
  }

  /** A line for {@code status}. */
  public String describe() {
    return process()
        .map(p -> name + ": running (pid " + p.pid() + ", log " + logFile + ")")
        .orElse(name + ": stopped");
  }

  /** Its JVM, if it runs. */
  public Optional<ProcessHandle> process() {
    try {
      if (Files.isRegularFile(pidFile())) {
        long pid = Long.parseLong(Files.readString(pidFile()).trim());
        Optional<ProcessHandle> recorded = ProcessHandle.of(pid).filter(this::isThisDaemon);
        if (recorded.isPresent()) {
          return recorded;
        }
      }
    } catch (IOException | NumberFormatException e) {
      // A damaged pid file: look for the JVM by its command line instead.
    }
    Optional<ProcessHandle> found =
        ProcessHandle.allProcesses().filter(this::isThisDaemon).findFirst();
    found.ifPresent(this::writePid);
    return found;
  }

  private boolean isThisDaemon(ProcessHandle process) {
    // The marker ends at a space, or the directory of another daemon under this one would match.
    String marker = marker() + " ";
    return process.isAlive()
        && process.info().commandLine().map(line -> (line + " ").contains(marker)).orElse(false);
  }

  /**
   * Starts {@code java} with these arguments (JVM options, main class, its arguments) and the
   * environment given on top of this process's; the previous log is kept as {@code .1}.
   */
  public ProcessHandle start(Path java, List<String> arguments, Map<String, String> environment) {
    List<String> command = new ArrayList<>();
    // Its own session: a Ctrl-C meant for run.sh or a test does not reach the daemon.
    if (onPath("setsid")) {
      command.add("setsid");
    }
    command.add(java.toString());
    command.add(marker());
    command.addAll(arguments);
    try {
      Files.createDirectories(home);
      Files.createDirectories(logFile.getParent());
      if (Files.exists(logFile)) {
        Files.move(
            logFile,
            logFile.resolveSibling(logFile.getFileName() + ".1"),
            StandardCopyOption.REPLACE_EXISTING);
      }
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .directory(home.toFile())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
      builder.environment().putAll(environment);
      ProcessHandle process = builder.start().toHandle();
      writePid(process);
      return process;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + name, e);
    }
  }

  /**
   * Waits until {@code ready} holds, polling; fails, with the end of its log, if the daemon exits
   * first or the time runs out (then it is stopped).
   */
  public void awaitReady(ProcessHandle process, Duration timeout, BooleanSupplier ready) {
    long started = System.nanoTime();
    long deadline = started + timeout.toNanos();
    while (!ready.getAsBoolean()) {
      if (!process.isAlive()) {
        deletePid();
        throw new IllegalStateException(
            name
                + " exited during startup; last lines of "
                + logFile
                + ":\n"
                + Log.tail(logFile, 40));
      }
      if (System.nanoTime() > deadline) {
        String tail = Log.tail(logFile, 40);
        stop(process, Duration.ofSeconds(30));
        throw new IllegalStateException(
            name
                + " was not ready within "
                + timeout.toSeconds()
                + " s; stopped it. Last lines of "
                + logFile
                + ":\n"
                + tail);
      }
      sleep(Duration.ofMillis(500));
    }
    log.say(
        String.format(
            "%s is up (pid %d) after %d s.",
            name, process.pid(), TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started)));
  }

  /** Whether its log has this text since it started. */
  public boolean logSays(String text) {
    try {
      return new String(Files.readAllBytes(logFile), StandardCharsets.UTF_8).contains(text);
    } catch (IOException e) {
      return false;
    }
  }

  /** SIGTERM, then SIGKILL after {@code timeout}. Nothing to do when it does not run. */
  public void stop(Duration timeout) {
    Optional<ProcessHandle> process = process();
    if (process.isEmpty()) {
      deletePid();
      log.say(name + " is not running.");
      return;
    }
    log.say("Stopping " + name + " (pid " + process.get().pid() + ")");
    stop(process.get(), timeout);
    log.say(name + " stopped.");
  }

  private void stop(ProcessHandle process, Duration timeout) {
    process.destroy();
    if (!awaitExit(process, timeout)) {
      log.say(name + " still running after " + timeout.toSeconds() + " s; killing it.");
      kill(process);
    }
    deletePid();
  }

  /** SIGKILL, as a crash would: for the tests that kill an engine mid-stream. */
  public void kill() {
    process().ifPresent(this::kill);
    deletePid();
  }

  private void kill(ProcessHandle process) {
    process.destroyForcibly();
    if (!awaitExit(process, Duration.ofSeconds(20))) {
      throw new IllegalStateException(name + " survived SIGKILL");
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

  private void writePid(ProcessHandle process) {
    try {
      Files.createDirectories(home);
      Files.writeString(pidFile(), process.pid() + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void deletePid() {
    try {
      Files.deleteIfExists(pidFile());
    } catch (IOException e) {
      // A stale pid file is checked against the command line before it is trusted.
    }
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

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting", e);
    }
  }
}
