package ssa.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What the launcher tells the person running it, on stderr, each line tagged with its engine. */
public final class Log {
  private final String tag;
  private final PrintStream out;

  public Log(String tag) {
    this(tag, System.err);
  }

  public Log(String tag, PrintStream out) {
    this.tag = tag;
    this.out = out;
  }

  public void say(String message) {
    out.println("[" + tag + "] " + message);
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
