package ssa.launcher.cassandra;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import ssa.launcher.Log;

/**
 * Local Cassandra: one node on 127.0.0.1 (data under {@code $SSA_HOME/cassandra}), or a cluster of
 * N nodes on 127.0.0.2 to 127.0.0.(N+1) (under {@code $SSA_HOME/cluster/cassandra/nodeN}), each its
 * own JVM on the same ports of its own address, started one at a time as a real cluster's nodes
 * join.
 */
public final class LocalCassandra {
  /** One node: nothing joins it, so nothing waits for the ring to settle. */
  private static final Duration SINGLE_RING_DELAY = Duration.ofSeconds(30);

  /**
   * Each joining node waits this long for gossip before it takes its tokens; Cassandra's 30 s
   * default is for real networks, and three local nodes would take minutes to start.
   */
  private static final Duration CLUSTER_RING_DELAY = Duration.ofSeconds(5);

  private final List<CassandraNode> nodes;
  private final CassandraJars jars;

  private LocalCassandra(List<CassandraNode> nodes, CassandraJars jars) {
    this.nodes = nodes;
    this.jars = jars;
  }

  /** The single node of run.sh, the tests and the bench. */
  public static LocalCassandra single(CassandraOptions options) {
    Log log = new Log("cassandra");
    CassandraNode node =
        new CassandraNode(
            options,
            new CassandraNode.Spec(
                1,
                "127.0.0.1",
                options.ssaHome().resolve("cassandra"),
                "ssa",
                "127.0.0.1:" + options.storagePort(),
                options.heapFor(1),
                false,
                options.passwordAuth(),
                SINGLE_RING_DELAY),
            log);
    return new LocalCassandra(List.of(node), new CassandraJars(options));
  }

  /** A cluster of {@code size} nodes; node 1 is the seed. */
  public static LocalCassandra cluster(CassandraOptions options, int size) {
    if (size < 1 || size > 9) {
      throw new IllegalArgumentException("a local cluster has 1 to 9 nodes, not " + size);
    }
    Log log = new Log("cassandra");
    Path root = options.ssaHome().resolve("cluster/cassandra");
    List<CassandraNode> nodes =
        IntStream.rangeClosed(1, size)
            .mapToObj(
                i ->
                    new CassandraNode(
                        options,
                        new CassandraNode.Spec(
                            i,
                            clusterAddress(i),
                            root.resolve("node" + i),
                            "ssa-cluster",
                            clusterAddress(1) + ":" + options.storagePort(),
                            options.heapFor(size),
                            true,
                            // Logins would need system_auth replicated to every node first.
                            false,
                            CLUSTER_RING_DELAY),
                        log))
            .toList();
    return new LocalCassandra(nodes, new CassandraJars(options));
  }

  /**
   * Node {@code i} of a cluster listens on 127.0.0.(i+1): 127.0.0.1 stays the single node's, so
   * that the tests' node and a cluster can run side by side.
   */
  public static String clusterAddress(int node) {
    return "127.0.0." + (node + 1);
  }

  public List<CassandraNode> nodes() {
    return nodes;
  }

  public CassandraNode node(int index) {
    return nodes.get(index - 1);
  }

  /** Starts every node not running, in order, each after the one before answers CQL. */
  public void start() {
    for (CassandraNode node : nodes) {
      node.start(jars);
    }
  }

  /** Starts one node again, e.g. after a test killed it. */
  public void start(CassandraNode node) {
    node.start(jars);
  }

  /** Stops every node, the last started first. */
  public void stop() {
    lastStartedFirst().forEach(CassandraNode::stop);
  }

  /** Stops every node and deletes its data. */
  public void reset() {
    lastStartedFirst().forEach(CassandraNode::reset);
  }

  private List<CassandraNode> lastStartedFirst() {
    List<CassandraNode> reversed = new ArrayList<>(nodes);
    Collections.reverse(reversed);
    return reversed;
  }

  /** Every node runs and answers CQL. */
  public boolean running() {
    return nodes.stream().allMatch(n -> n.state() == CassandraNode.State.RUNNING);
  }

  /** The addresses a driver can contact, as host:port. */
  public List<String> contactPoints() {
    return nodes.stream().map(n -> n.address() + ":" + n.cqlPort()).toList();
  }
}
