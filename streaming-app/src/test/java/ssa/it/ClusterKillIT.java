package ssa.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import ssa.config.JobSettings;
import ssa.generator.Generator;
import ssa.generator.GeneratorSettings;
import ssa.launcher.Daemon;
import ssa.launcher.LocalCluster;
import ssa.launcher.LocalClusterExtension;
import ssa.launcher.cassandra.CassandraNode;
import ssa.launcher.cassandra.LocalCassandra;
import ssa.launcher.hdfs.LocalHdfs;

/**
 * The job on the local cluster, as it runs scaled out: submitted to the Spark standalone master
 * (two workers), writing to three Cassandra nodes at replication factor 3 (LOCAL_QUORUM), its
 * checkpoint on the HDFS daemons. One part is killed with SIGKILL mid-stream in each test; after
 * the stream, every event is counted exactly once: raw rows equal valid events, dead letters equal
 * malformed lines, every bucket of every grain is exact.
 */
@ExtendWith(LocalClusterExtension.class)
class ClusterKillIT {
  private static final long TOTAL = 24_000;
  private static final int RATE = 1_500;

  /**
   * Small batches, so that the stream lasts well past the job's start on the cluster (which takes
   * about a minute here, by when the generator has served every line) and each kill falls
   * mid-stream.
   */
  private static final int MAX_LINES_PER_BATCH = 600;

  private static final String START = "2027-06-30T23:59:30Z";
  private static final Duration TIMEOUT = Duration.ofMinutes(6);
  private static final String REPLICATION =
      "{'class': 'NetworkTopologyStrategy', 'datacenter1': 3}";

  /** What a test does to the cluster or the job once a quarter of the stream is processed. */
  private interface Disruption {
    void apply(LocalCluster cluster, JobProcess job, Progress progress) throws Exception;
  }

  @Test
  void should_count_every_event_once_when_a_cassandra_node_is_killed() throws Exception {
    run(
        "it_kill_cassandra",
        (cluster, job, progress) -> {
          LocalCassandra cassandra = cluster.cassandra();
          CassandraNode node = cassandra.node(LocalCluster.CASSANDRA_NODES);
          node.kill();
          progress.note("SIGKILL to " + node.name());
          progress.awaitMore(TOTAL / 6);
          assertThat(job.alive()).as("the job with one replica of three down").isTrue();
          cassandra.start(node);
          progress.note(node.name() + " back");
        });
  }

  @Test
  void should_count_every_event_once_when_a_spark_worker_is_killed() throws Exception {
    run(
        "it_kill_worker",
        (cluster, job, progress) -> {
          Daemon worker = cluster.spark().worker(1);
          worker.kill();
          progress.note("SIGKILL to " + worker.name());
          progress.awaitMore(TOTAL / 6);
          assertThat(job.alive()).as("the job with one worker of two gone").isTrue();
          cluster.spark().start(1);
          progress.note(worker.name() + " back");
        });
  }

  @Test
  void should_count_every_event_once_when_the_driver_is_killed_and_submitted_again()
      throws Exception {
    run(
        "it_kill_driver",
        (cluster, job, progress) -> {
          job.kill();
          progress.note("SIGKILL to the driver");
          job.start();
          progress.note("submitted again, same checkpoint");
        });
  }

  private void run(String name, Disruption disruption) throws Exception {
    long started = System.nanoTime();
    LocalCluster cluster = LocalClusterExtension.cluster();
    Path module =
        Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
    Path work = Files.createDirectories(module.resolve("target/cluster-it/" + name));
    GeneratorSettings generated =
        ItSupport.generatorSettings(ItSupport.messyStream(name, TOTAL, RATE, 6, 31, START, "5s"));
    ExpectedRollups expected = ExpectedRollups.of(generated);
    try (Generator generator = ItSupport.startGenerator(generated)) {
      JobSettings settings =
          ItSupport.jobSettings(
              name,
              generator.port(),
              "cassandra.host = \""
                  + LocalCassandra.clusterAddress(1)
                  + "\", cassandra.username = \"\", cassandra.password = \"\""
                  + ", cassandra.replication = \""
                  + REPLICATION
                  + "\", source.max-lines-per-batch = "
                  + MAX_LINES_PER_BATCH);
      String checkpoint = LocalHdfs.uri() + "/it/" + name + "-" + Instant.now().toEpochMilli();
      Path config = JobProcess.writeConfig(work.resolve("job.conf"), settings, checkpoint);
      try (CqlSession session = ItSupport.freshKeyspace(settings);
          JobProcess job =
              new JobProcess(
                  JobProcess.clusterCommand(module.getParent(), config, work),
                  work,
                  work.resolve("job.log"))) {
        Progress progress = new Progress(session, name, started);
        job.start();
        try {
          long before = progress.awaitAtLeast(TOTAL / 4, job);
          disruption.apply(cluster, job, progress);
          progress.awaitAtLeast(TOTAL, job);
          assertThat(before)
              .as("lines processed before the kill: it fell mid-stream")
              .isLessThan(TOTAL);
          job.stop();
          assertExactlyOnce(name, settings, session, expected, progress);
        } catch (AssertionError | Exception e) {
          throw job.failure(e, progress.history());
        }
      }
    }
  }

  private static void assertExactlyOnce(
      String name,
      JobSettings settings,
      CqlSession session,
      ExpectedRollups expected,
      Progress progress) {
    SparkSession spark = ItSupport.spark(settings);
    long raw = Tables.count(spark, settings, "events_raw");
    long deadLetters = Tables.count(spark, settings, "dead_letter");
    long yearCounts = RollupAssertions.eventsInYearRows(session);
    System.out.printf(
        "CLUSTER-KILL %s: generated=%d valid=%d malformed=%d raw=%d deadLetters=%d lost=%d"
            + " duplicated=%d replayedBatches=%d seconds=%d%n",
        name,
        TOTAL,
        expected.valid,
        expected.malformed,
        raw,
        deadLetters,
        expected.valid - raw,
        yearCounts - raw,
        ItSupport.replayedBatches(session, name),
        progress.seconds());
    assertThat(raw).as("raw rows").isEqualTo(expected.valid);
    assertThat(deadLetters).as("dead letters").isEqualTo(expected.malformed);
    assertThat(yearCounts).as("events counted in year rollups").isEqualTo(raw);
    RollupAssertions.assertRollupsMatch(session, expected);
    RollupAssertions.assertFinerGrainsAddUpToCoarser(session);
  }

  /** Lines the job has processed, from batch_stats, with a deadline and a log of what happened. */
  private static final class Progress {
    private final CqlSession session;
    private final String job;
    private final long started;
    private final long deadline;
    private final StringBuilder history = new StringBuilder();

    Progress(CqlSession session, String job, long started) {
      this.session = session;
      this.job = job;
      this.started = started;
      this.deadline = started + TIMEOUT.toNanos();
    }

    /** Returns the lines processed by then. */
    long awaitAtLeast(long lines, JobProcess process) throws Exception {
      long seen = lines();
      while (seen < lines) {
        if (!process.alive()) {
          throw new AssertionError("the job exited (" + process.exitCode() + ") at " + seen);
        }
        if (System.nanoTime() > deadline) {
          throw new AssertionError(
              "only " + seen + " of " + lines + " lines after " + TIMEOUT.toSeconds() + " s");
        }
        Thread.sleep(1_000);
        seen = lines();
      }
      note(seen + " lines processed");
      return seen;
    }

    /** Waits for this many more lines while something is down; the job must go on. */
    void awaitMore(long more) throws Exception {
      long target = Math.min(TOTAL, lines() + more);
      while (lines() < target) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("no progress to " + target + " lines while a part was down");
        }
        Thread.sleep(1_000);
      }
      note("reached " + target + " lines with the part down");
    }

    long lines() {
      try {
        return ItSupport.linesProcessed(session, job);
      } catch (RuntimeException e) {
        // A read can fail while a node goes down; the next poll asks again.
        return 0;
      }
    }

    void note(String what) {
      String line = "[" + seconds() + " s] " + what;
      history.append(line).append('\n');
      System.out.println("CLUSTER-KILL " + job + " " + line);
    }

    long seconds() {
      return TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
    }

    String history() {
      return history.toString();
    }
  }
}
