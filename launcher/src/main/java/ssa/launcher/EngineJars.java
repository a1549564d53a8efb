package ssa.launcher;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The jars the HDFS and Spark daemons run from, as the build lists them: Spark's own (the ones
 * spark-submit would provide, {@code streaming-app/target/spark-classpath.txt}) and Hadoop's shaded
 * server jar ({@code launcher/target/hdfs-classpath.txt}). No tarball of either exists here; in a
 * real deployment each host has its distribution instead.
 */
public final class EngineJars {
  private final Path repoRoot;

  public EngineJars(Path repoRoot) {
    this.repoRoot = repoRoot;
  }

  /** Every jar of Spark and its dependencies (Hadoop's client included). */
  public List<Path> spark() {
    return read("streaming-app/target/spark-classpath.txt");
  }

  /** The NameNode and DataNode classes; they run with {@link #spark()} beside them. */
  public List<Path> hdfsServer() {
    return read("launcher/target/hdfs-classpath.txt");
  }

  /** The Kafka broker and its dependencies ({@code launcher/target/kafka-classpath.txt}). */
  public List<Path> kafka() {
    return read("launcher/target/kafka-classpath.txt");
  }

  private List<Path> read(String file) {
    Path list = repoRoot.resolve(file);
    try {
      String text = Files.readString(list).trim();
      return Stream.of(text.split(File.pathSeparator))
          .filter(jar -> jar.endsWith(".jar"))
          .map(Path::of)
          .toList();
    } catch (IOException e) {
      throw new IllegalStateException(
          "no " + list + ": build first (./run.sh build, or mvn package)", e);
    }
  }
}
