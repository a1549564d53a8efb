package ssa.it;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** scripts/cassandra.sh, the script that runs the local node, called from a test. */
final class CassandraScript {
  private final Path script;
  private final Path log;

  /**
   * @param log where each call's output goes, replaced by the next call
   */
  CassandraScript(Path script, Path log) {
    this.script = script;
    this.log = log;
  }

  /** Runs {@code bash script command}; its exit code. */
  int run(String command, long timeoutNanos) throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder("bash", script.toString(), command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()))
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .start();
    if (!process.waitFor(Math.max(1, timeoutNanos), TimeUnit.NANOSECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(script + " " + command + " did not finish in time:\n" + output());
    }
    return process.exitValue();
  }

  /** What the last call printed. */
  String output() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(cannot read " + log + ": " + e + ")";
    }
  }

  @Override
  public String toString() {
    return script.toString();
  }
}
