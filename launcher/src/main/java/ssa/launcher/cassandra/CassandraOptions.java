package ssa.launcher.cassandra;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * How local Cassandra nodes are run, from the environment; a bad value fails naming its variable.
 *
 * @param ssaHome state root: nodes live under {@code cassandra/} (one node) or {@code
 *     cluster/cassandra/nodeN} (a cluster)
 * @param repoRoot the checkout, whose {@code cassandra/pom.xml} fetches the jars
 * @param jmxPort the first node's JMX port when set; else the first free from 7199
 * @param heap each node's heap; unset: 1G for one node, 512M per node of a cluster
 */
public record CassandraOptions(
    Path ssaHome,
    Path repoRoot,
    int cqlPort,
    int storagePort,
    OptionalInt jmxPort,
    String heap,
    Duration startTimeout,
    Duration stopTimeout,
    List<String> extraJvmOptions,
    boolean passwordAuth,
    String mvn,
    Path java) {

  private static final Pattern HEAP = Pattern.compile("[1-9][0-9]*[mMgG]");

  public static CassandraOptions fromEnvironment(Map<String, String> env, Path repoRoot) {
    String home = env.getOrDefault("SSA_HOME", "");
    Path ssaHome =
        home.isBlank() ? repoRoot.resolve(".ssa") : Path.of(home).toAbsolutePath().normalize();
    String heap = env.getOrDefault("SSA_CASSANDRA_HEAP", "");
    if (!heap.isEmpty() && !HEAP.matcher(heap).matches()) {
      throw bad("SSA_CASSANDRA_HEAP", heap, "a size such as 512M or 1G");
    }
    String auth = env.getOrDefault("SSA_CASSANDRA_AUTH", "none");
    if (!auth.equals("none") && !auth.equals("password")) {
      throw bad("SSA_CASSANDRA_AUTH", auth, "none or password");
    }
    String javaHome = env.getOrDefault("JAVA_HOME", "");
    Path java =
        javaHome.isBlank()
            ? Path.of(System.getProperty("java.home"), "bin", "java")
            : Path.of(javaHome, "bin", "java");
    String extra = env.getOrDefault("SSA_CASSANDRA_JVM_OPTS", "").trim();
    return new CassandraOptions(
        ssaHome,
        repoRoot,
        port(env, "SSA_CASSANDRA_PORT", 9042),
        port(env, "SSA_CASSANDRA_STORAGE_PORT", 7000),
        env.getOrDefault("SSA_CASSANDRA_JMX_PORT", "").isBlank()
            ? OptionalInt.empty()
            : OptionalInt.of(port(env, "SSA_CASSANDRA_JMX_PORT", 0)),
        heap,
        Duration.ofSeconds(seconds(env, "SSA_CASSANDRA_START_TIMEOUT", 180)),
        Duration.ofSeconds(seconds(env, "SSA_CASSANDRA_STOP_TIMEOUT", 30)),
        extra.isEmpty() ? List.of() : Arrays.asList(extra.split("\\s+")),
        auth.equals("password"),
        env.getOrDefault("SSA_MVN", "mvn"),
        java);
  }

  /** The heap of each of {@code nodes} nodes. */
  String heapFor(int nodes) {
    if (!heap.isEmpty()) {
      return heap;
    }
    return nodes == 1 ? "1G" : "512M";
  }

  private static int port(Map<String, String> env, String name, int otherwise) {
    return (int) wholeNumber(env, name, otherwise, 1, 65_535, "a TCP port, 1 to 65535");
  }

  private static long seconds(Map<String, String> env, String name, long otherwise) {
    return wholeNumber(
        env, name, otherwise, 1, Long.MAX_VALUE, "a whole number of seconds above 0");
  }

  /** The variable's whole number within [min, max], or {@code otherwise} when it is unset. */
  private static long wholeNumber(
      Map<String, String> env, String name, long otherwise, long min, long max, String expected) {
    String value = env.get(name);
    if (value == null || value.isBlank()) {
      return otherwise;
    }
    try {
      long number = Long.parseLong(value.trim());
      if (number >= min && number <= max) {
        return number;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw bad(name, value, expected);
  }

  private static IllegalArgumentException bad(String name, String value, String expected) {
    return new IllegalArgumentException(name + " must be " + expected + ", was '" + value + "'");
  }
}
