package ssa.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import ssa.config.JobSettings;
import ssa.generator.Generator;
import ssa.generator.GeneratorSettings;
import ssa.launcher.cassandra.LocalCassandra;
import ssa.launcher.cassandra.LocalCassandraExtension;

/**
 * Exactly-once under crashes: the job runs in its own JVM with its checkpoint on HDFS and is killed
 * with SIGKILL at random moments, again and again, and the Cassandra node restarts once mid-stream.
 * A supervisor loop restarts the job each time. In the end every generated event is stored once and
 * counted once in every rollup bucket: nothing lost, nothing counted twice.
 *
 * <p>The kill moments come from a seeded random sequence; the seed is printed, and {@code
 * -Dssa.it.crash.seed=N} replays a run's schedule.
 */
@ExtendWith(LocalCassandraExtension.class)
class CrashRecoveryIT {
  private static final String NAME = "it_crash";
  private static final String START = "2027-12-31T23:59:45Z";
  private static final long TOTAL = 60_000;

  /**
   * Small batches, so the job works through the backlog in many steps: every instance is killed
   * after a batch or two, well before the stream is done.
   */
  private static final long MAX_LINES_PER_BATCH = 4_000;

  private static final int KILLS = 5;
  private static final int RESTART_CASSANDRA_AFTER_KILL = 3;
  private static final long DEFAULT_SEED = 20_240_229L;
  private static final Duration TIMEOUT = Duration.ofMinutes(6);

  @Test
  void should_count_every_event_exactly_once_across_kill_9_and_a_cassandra_restart()
      throws Exception {
    long startedNanos = System.nanoTime();
    long deadline = startedNanos + TIMEOUT.toNanos();
    long seed = Long.getLong("ssa.it.crash.seed", DEFAULT_SEED);
    CrashPlan plan = new CrashPlan(NAME, TOTAL, KILLS, RESTART_CASSANDRA_AFTER_KILL, TIMEOUT, seed);
    Path module =
        Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
    Path repo = module.getParent();
    Path work = Files.createDirectories(module.resolve("target/crash-it"));
    // The node is restarted mid-stream, so it must be the local one the launcher runs.
    LocalCassandra cassandra = LocalCassandraExtension.local();
    assertThat(cassandra.running())
        .as("the local Cassandra node (%s) runs: this test restarts it", cassandra.contactPoints())
        .isTrue();
    say(
        "kill schedule seed "
            + seed
            + " (replay with -Dssa.it.crash.seed="
            + seed
            + ");"
            + " job log "
            + work.resolve("job.log"));

    GeneratorSettings generated =
        ItSupport.generatorSettings(
            ItSupport.messyStream("crash", TOTAL, 2_000, 6, 2718, START, "5s"));
    // Computed while the job runs.
    CompletableFuture<ExpectedRollups> expectation =
        CompletableFuture.supplyAsync(() -> ExpectedRollups.of(generated));

    try (Generator generator = ItSupport.startGenerator(generated)) {
      JobSettings settings =
          ItSupport.jobSettings(
              NAME,
              generator.port(),
              "source.max-lines-per-batch = "
                  + MAX_LINES_PER_BATCH
                  // Coarser rows held back between writes, so kills leave some noted, not written.
                  + "\nrollup.coarse-write-interval = 30 seconds"
                  + "\nrollup.coarse-write-min-rows = 0");
      // The keyspace is made while HDFS starts.
      CompletableFuture<CqlSession> keyspace =
          CompletableFuture.supplyAsync(() -> ItSupport.freshKeyspace(settings));
      MiniHdfs hdfs;
      try {
        hdfs = new MiniHdfs();
      } catch (IOException | RuntimeException e) {
        keyspace.thenAccept(CqlSession::close);
        throw e;
      }
      String checkpoint = hdfs.uri("crash");
      Path config = JobProcess.writeConfig(work.resolve("job.conf"), settings, checkpoint);
      try (hdfs;
          CqlSession session = keyspace.get();
          JobProcess job =
              new JobProcess(
                  JobProcess.command(repo, config, work), work, work.resolve("job.log"))) {
        say("HDFS and keyspace " + NAME + " ready after " + secondsSince(startedNanos) + " s");
        CrashSupervisor supervisor =
            new CrashSupervisor(job, session, plan, deadline, new CheckpointLog(hdfs, checkpoint));
        try {
          supervisor.killRepeatedly(cassandra);
          supervisor.runToCompletion(generator);
          job.stop();
          ExpectedRollups expected = expectation.get();

          SparkSession spark = ItSupport.spark(settings);
          long raw = Tables.count(spark, settings, "events_raw");
          long deadLetters = Tables.count(spark, settings, "dead_letter");
          long yearCounts = RollupAssertions.eventsInYearRows(session);
          Row stats =
              session
                  .execute(
                      "SELECT sum(input_lines), sum(valid_events), sum(dead_letters) FROM"
                          + " batch_stats WHERE job = ?",
                      NAME)
                  .one();
          long lost = expected.valid - raw;
          long duplicated = yearCounts - raw;
          System.out.printf(
              "CRASH-TEST: kills=%d cassandraRestarts=%d selfExits=%d crashesSurvived=%d"
                  + " killsMidBatch=%d rerunBatches=%d generated=%d valid=%d malformed=%d"
                  + " raw=%d deadLetters=%d lost=%d duplicated=%d rebuildsFromNotes=%d seed=%d"
                  + " seconds=%d%n",
              supervisor.kills,
              supervisor.cassandraRestarts,
              supervisor.selfExits,
              supervisor.kills + supervisor.selfExits,
              supervisor.killsMidBatch,
              ItSupport.replayedBatches(session, NAME),
              TOTAL,
              expected.valid,
              expected.malformed,
              raw,
              deadLetters,
              lost,
              duplicated,
              rebuildsFromNotes(job.log),
              seed,
              secondsSince(startedNanos));

          assertThat(supervisor.kills).as("SIGKILLs of the job").isGreaterThanOrEqualTo(KILLS);
          assertThat(supervisor.cassandraRestarts).as("Cassandra restarts").isEqualTo(1);
          assertThat(supervisor.killsMidBatch).as("kills while a batch was in flight").isPositive();
          assertThat(raw).as("raw rows: lost %d", lost).isEqualTo(expected.valid);
          assertThat(deadLetters).as("dead letters").isEqualTo(expected.malformed);
          assertThat(yearCounts)
              .as("events counted in year rollups: duplicated %d", duplicated)
              .isEqualTo(raw);
          assertThat(stats.getLong(0)).as("lines in batch_stats").isEqualTo(TOTAL);
          assertThat(stats.getLong(1)).as("valid events in batch_stats").isEqualTo(expected.valid);
          assertThat(stats.getLong(2))
              .as("dead letters in batch_stats")
              .isEqualTo(expected.malformed);
          assertThat(ItSupport.pendingNotes(session, NAME))
              .as("notes of held-back rollup rows after the job stopped")
              .isZero();
          RollupAssertions.assertRollupsMatch(session, expected);
          RollupAssertions.assertFinerGrainsAddUpToCoarser(session);
        } catch (AssertionError | Exception e) {
          throw job.failure(e, supervisor.history());
        }
      }
    }
  }

  /** Starts that found rollup rows an earlier run held back and may not have written. */
  private static long rebuildsFromNotes(Path log) throws IOException {
    try (var lines = Files.lines(log)) {
      return lines.filter(l -> l.contains("noted keys") && !l.contains(" of 0 noted keys")).count();
    }
  }

  private static long secondsSince(long nanos) {
    return TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - nanos);
  }

  private static void say(String line) {
    System.out.println("CrashRecoveryIT " + Instant.now() + " " + line);
  }
}
