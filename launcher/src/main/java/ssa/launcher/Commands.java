package ssa.launcher;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A command the launcher runs to its end (not a daemon), its output in a log file. */
public final class Commands {
  private Commands() {}

  /**
   * Runs {@code command} without input and waits for it; fails, with the end of its log, unless it
   * exits with 0.
   *
   * @param what the command as the person running the launcher knows it, for error messages
   */
  public static void run(List<String> command, Path log, String what) {
    try {
      Files.createDirectories(log.getParent());
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
              .start();
      if (process.waitFor() != 0) {
        throw new IllegalStateException(
            what + " failed; last lines of " + log + ":\n" + Log.tail(log, 30));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + what, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + what, e);
    }
  }
}
