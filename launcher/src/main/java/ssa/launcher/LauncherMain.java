package ssa.launcher;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import ssa.launcher.cassandra.CassandraNode;
import ssa.launcher.cassandra.CassandraOptions;
import ssa.launcher.cassandra.LocalCassandra;
import ssa.launcher.hdfs.LocalHdfs;
import ssa.launcher.kafka.LocalKafka;
import ssa.launcher.spark.LocalSpark;

/**
 * {@code run.sh}'s way to the local engines: {@code cassandra start|stop|status|reset} for the one
 * node, {@code cluster start|stop|status|reset} for the local cluster ({@link LocalCluster}). Exit
 * codes: 0 done (status: everything answers), 1 failed (status: stopped), 2 status: something runs
 * but does not answer yet, 64 usage.
 */
public final class LauncherMain {
  private static final String USAGE =
      "usage: LauncherMain cassandra|cluster|kafka start|stop|status|reset";

  private LauncherMain() {}

  public static void main(String[] args) {
    System.exit(run(Arrays.asList(args)));
  }

  static int run(List<String> args) {
    if (args.size() != 2 || !List.of("cassandra", "cluster", "kafka").contains(args.get(0))) {
      System.err.println(USAGE);
      return 64;
    }
    Log log = new Log(args.get(0));
    try {
      CassandraOptions options = CassandraOptions.fromEnvironment(System.getenv(), RepoRoot.find());
      if (args.get(0).equals("cluster")) {
        return cluster(new LocalCluster(options), args.get(1));
      }
      if (args.get(0).equals("kafka")) {
        return kafka(LocalKafka.fromEnvironment(), args.get(1));
      }
      LocalCassandra cassandra = LocalCassandra.single(options);
      switch (args.get(1)) {
        case "start" -> cassandra.start();
        case "stop" -> cassandra.stop();
        case "reset" -> cassandra.reset();
        case "status" -> {
          return status(cassandra);
        }
        default -> {
          System.err.println(USAGE);
          return 64;
        }
      }
      return 0;
    } catch (RuntimeException e) {
      log.say("ERROR: " + e.getMessage());
      return 1;
    }
  }

  private static int cluster(LocalCluster cluster, String command) {
    switch (command) {
      case "start" -> {
        cluster.start();
        System.out.println(
            "cluster up: Cassandra "
                + String.join(",", cluster.cassandra().contactPoints())
                + ", HDFS "
                + LocalHdfs.uri()
                + ", Spark "
                + LocalSpark.masterUrl());
      }
      case "stop" -> cluster.stop();
      case "reset" -> cluster.reset();
      case "status" -> {
        List<String> lines = new ArrayList<>();
        boolean up = cluster.status(lines);
        lines.forEach(System.out::println);
        return up ? 0 : 1;
      }
      default -> {
        System.err.println(USAGE);
        return 64;
      }
    }
    return 0;
  }

  private static int kafka(LocalKafka kafka, String command) {
    switch (command) {
      case "start" -> kafka.start();
      case "stop" -> kafka.stop();
      case "reset" -> kafka.reset();
      case "status" -> {
        System.out.println(kafka.daemon().describe());
        return kafka.running() ? 0 : kafka.daemon().process().isPresent() ? 2 : 1;
      }
      default -> {
        System.err.println(USAGE);
        return 64;
      }
    }
    return 0;
  }

  private static int status(LocalCassandra cassandra) {
    boolean stopped = false;
    boolean silent = false;
    for (CassandraNode node : cassandra.nodes()) {
      System.out.println(node.describe());
      CassandraNode.State state = node.state();
      stopped |= state == CassandraNode.State.STOPPED;
      silent |= state == CassandraNode.State.NOT_ANSWERING;
    }
    return stopped ? 1 : silent ? 2 : 0;
  }
}
