package ssa.launcher;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What the launcher tells the person running it, on stderr, each line tagged with its engine. */
public final class Log {
  private final String tag;

  public Log(String tag) {
    this.tag = tag;
  }

  public void say(String message) {
    System.err.println("[" + tag + "] " + message);
  }

  /** The last lines of a daemon's log, for an error message. */
  public static String tail(Path file, int lines) {
    try {
      // Not readAllLines: a daemon's log may hold bytes that are not UTF-8.
      List<String> all =
          List.of(new String(Files.readAllBytes(file), StandardCharsets.UTF_8).split("\n"));
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(cannot read " + file + ": " + e.getMessage() + ")";
    }
  }
}
