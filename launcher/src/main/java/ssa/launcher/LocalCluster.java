package ssa.launcher;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import ssa.launcher.cassandra.CassandraNode;
import ssa.launcher.cassandra.CassandraOptions;
import ssa.launcher.cassandra.LocalCassandra;
import ssa.launcher.hdfs.LocalHdfs;
import ssa.launcher.spark.LocalSpark;

/**
 * Everything a scaled-out ssa runs on, on this one machine: three Cassandra nodes (127.0.0.2-4), an
 * HDFS NameNode and DataNode, a Spark master and two workers, each its own JVM, state under {@code
 * $SSA_HOME/cluster}. Each piece is what runs on its own host in a real deployment.
 */
public final class LocalCluster {
  public static final int CASSANDRA_NODES = 3;
  public static final int SPARK_WORKERS = 2;

  private final LocalCassandra cassandra;
  private final LocalHdfs hdfs;
  private final LocalSpark spark;

  public LocalCluster(CassandraOptions options) {
    Path root = options.ssaHome().resolve("cluster");
    EngineJars jars = new EngineJars(options.repoRoot());
    this.cassandra = LocalCassandra.cluster(options, CASSANDRA_NODES);
    this.hdfs = new LocalHdfs(root.resolve("hdfs"), options.java(), jars);
    this.spark = new LocalSpark(root.resolve("spark"), options.java(), jars, SPARK_WORKERS);
  }

  public LocalCassandra cassandra() {
    return cassandra;
  }

  public LocalHdfs hdfs() {
    return hdfs;
  }

  public LocalSpark spark() {
    return spark;
  }

  public void start() {
    cassandra.start();
    hdfs.start();
    spark.start();
  }

  public void stop() {
    spark.stop();
    hdfs.stop();
    cassandra.stop();
  }

  public void reset() {
    spark.reset();
    hdfs.reset();
    cassandra.reset();
  }

  /** One line per daemon; whether all of them run and answer. */
  public boolean status(List<String> lines) {
    boolean up = true;
    for (CassandraNode node : cassandra.nodes()) {
      lines.add(node.describe());
      up &= node.state() == CassandraNode.State.RUNNING;
    }
    List<Daemon> daemons = new ArrayList<>(hdfs.daemons());
    daemons.addAll(spark.daemons());
    for (Daemon daemon : daemons) {
      lines.add(daemon.describe());
      up &= daemon.process().isPresent();
    }
    return up;
  }
}
