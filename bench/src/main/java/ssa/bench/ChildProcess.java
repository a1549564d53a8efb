package ssa.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A process the bench starts in a session (and so a process group) of its own, with {@code setsid}:
 * stopping it signals the whole group, so no JVM it forked is left behind. Output goes to a log
 * file. Every child still alive when the bench exits is killed by a shutdown hook.
 */
final class ChildProcess {
  private static final List<ChildProcess> LIVE = new CopyOnWriteArrayList<>();

  static {
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  for (ChildProcess child : LIVE) {
                    child.stop(Duration.ofSeconds(10));
                  }
                },
                "bench-children"));
  }

  private final String name;
  private final Process process;
  private final long pgid;
  private final Path log;

  private ChildProcess(String name, Process process, long pgid, Path log) {
    this.name = name;
    this.process = process;
    this.pgid = pgid;
    this.log = log;
  }

  /**
   * Starts {@code command} through {@code setsid}, environment changed by {@code env} (a null value
   * removes the variable), output appended to {@code log}.
   */
  static ChildProcess start(
      String name, List<String> command, Map<String, String> env, Path workDir, Path log)
      throws IOException {
    List<String> full = new ArrayList<>();
    full.add("setsid");
    full.addAll(command);
    ProcessBuilder builder = new ProcessBuilder(full).directory(workDir.toFile());
    Map<String, String> environment = builder.environment();
    env.forEach(
        (k, v) -> {
          if (v == null) {
            environment.remove(k);
          } else {
            environment.put(k, v);
          }
        });
    Files.createDirectories(log.getParent());
    builder.redirectErrorStream(true);
    builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    Process process = builder.start();
    // The JVM's child is no group leader, so setsid does not fork: the pid leads the new session.
    long pid = process.pid();
    long pgid = -1;
    for (int i = 0; i < 50 && pgid != pid && process.isAlive(); i++) {
      pgid = processGroup(pid);
      if (pgid != pid) {
        sleep(20);
      }
    }
    ChildProcess child = new ChildProcess(name, process, pgid == pid ? pid : -1, log);
    LIVE.add(child);
    return child;
  }

  String name() {
    return name;
  }

  Path log() {
    return log;
  }

  boolean alive() {
    return process.isAlive();
  }

  int exitCode() {
    return process.exitValue();
  }

  /**
   * SIGTERM to the process group, up to {@code grace} for the process to exit, then SIGKILL to the
   * group; anything left in the group is killed too.
   *
   * @return true if the process exited on SIGTERM alone
   */
  boolean stop(Duration grace) {
    LIVE.remove(this);
    boolean clean = true;
    if (process.isAlive() || groupAlive()) {
      signal("TERM");
      try {
        clean = process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        clean = false;
      }
      if (!clean) {
        System.err.printf(
            "[bench] %s did not stop within %d s of SIGTERM: SIGKILL%n", name, grace.toSeconds());
      }
      // Also whatever of the group outlived its leader.
      for (int i = 0; i < 50 && (process.isAlive() || groupAlive()); i++) {
        signal("KILL");
        sleep(100);
      }
    }
    return clean;
  }

  /** The last lines of the log, for an error message. */
  String tail(int lines) {
    try {
      List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException | RuntimeException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private void signal(String signal) {
    if (pgid > 0) {
      run("kill", "-" + signal, "--", "-" + pgid);
    } else {
      // No group of its own (setsid forked): the process and what it started.
      process.descendants().forEach(p -> run("kill", "-" + signal, Long.toString(p.pid())));
      run("kill", "-" + signal, Long.toString(process.pid()));
    }
  }

  private boolean groupAlive() {
    if (pgid <= 0) {
      return false;
    }
    return run("kill", "-0", "--", "-" + pgid) == 0;
  }

  private static int run(String... command) {
    try {
      Process p =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      return p.waitFor(10, TimeUnit.SECONDS) ? p.exitValue() : -1;
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /** Field 5 of /proc/PID/stat; the command name (field 2) may hold spaces, in parentheses. */
  private static long processGroup(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return Long.parseLong(fields[2]);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
