package ssa.launcher.cassandra;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import ssa.launcher.Commands;
import ssa.launcher.Directories;
import ssa.launcher.Log;

/**
 * cassandra-all and its runtime dependencies, copied by Maven from {@code cassandra/pom.xml} into
 * one directory that every local node runs from. No Cassandra tarball exists on Maven Central, and
 * that pom is not a module of the build: Cassandra's dependencies would not converge with Spark's.
 */
final class CassandraJars {
  private final CassandraOptions options;
  private final Path lib;
  private final Path pom;

  CassandraJars(CassandraOptions options) {
    this.options = options;
    this.lib = options.ssaHome().resolve("cassandra/lib");
    this.pom = options.repoRoot().resolve("cassandra/pom.xml");
  }

  /** The classpath of a node, fetching the jars first when absent or when the pom changed. */
  String classpath(Log log) {
    if (!current()) {
      fetch(log);
    }
    return lib + File.separator + "*";
  }

  private boolean current() {
    try (Stream<Path> jars = Files.list(lib)) {
      boolean hasServer =
          jars.anyMatch(j -> j.getFileName().toString().startsWith("cassandra-all-"));
      Path stamp = lib.resolve(".pom.sha256");
      return hasServer && Files.isRegularFile(stamp) && Files.readString(stamp).equals(pomDigest());
    } catch (IOException e) {
      return false;
    }
  }

  private void fetch(Log log) {
    Path tmp = lib.resolveSibling("lib.tmp");
    Path mvnLog = options.ssaHome().resolve("cassandra/logs/fetch.log");
    log.say(
        "Fetching Apache Cassandra jars (cassandra-all and its runtime dependencies, about 66 MB)"
            + " with "
            + options.mvn()
            + " -f "
            + pom
            + " into "
            + lib
            + "; first time only, about a minute");
    try {
      Directories.delete(tmp);
      Commands.run(
          List.of(
              options.mvn(),
              "-B",
              "-Dstyle.color=never",
              "-f",
              pom.toString(),
              "dependency:copy-dependencies",
              "-DoutputDirectory=" + tmp,
              "-DincludeScope=runtime"),
          mvnLog,
          "Maven (" + options.mvn() + ", SSA_MVN) fetching the Cassandra jars");
      Files.writeString(tmp.resolve(".pom.sha256"), pomDigest());
      Directories.delete(lib);
      Files.move(tmp, lib);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot put the Cassandra jars into " + lib, e);
    }
  }

  private String pomDigest() throws IOException {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(pom)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
