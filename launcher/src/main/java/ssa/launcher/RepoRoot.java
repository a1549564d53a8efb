package ssa.launcher;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The checkout the launcher belongs to, which holds the poms that fetch the engines' jars: {@code
 * -Dssa.root} (run.sh sets it), else the first directory up from the working directory that has
 * {@code cassandra/pom.xml} (a test run by Maven works in its module's directory).
 */
public final class RepoRoot {
  private RepoRoot() {}

  public static Path find() {
    String given = System.getProperty("ssa.root");
    if (given != null && !given.isBlank()) {
      return Path.of(given).toAbsolutePath().normalize();
    }
    Path start = Path.of(System.getProperty("user.dir")).toAbsolutePath().normalize();
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("cassandra/pom.xml"))) {
        return dir;
      }
    }
    throw new IllegalStateException(
        "cannot find the ssa checkout (a directory with cassandra/pom.xml) above "
            + start
            + "; set -Dssa.root");
  }
}
