package ssa.it;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.DriverException;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import ssa.generator.Generator;
import ssa.launcher.cassandra.LocalCassandra;

/**
 * Starts, kills and restarts the job like a process supervisor would, and restarts the Cassandra
 * node once in between.
 */
final class CrashSupervisor {
  private static final Duration POLL = Duration.ofMillis(300);
  private static final Duration RESTART_PAUSE = Duration.ofSeconds(2);

  private final JobProcess job;
  private final CqlSession session;
  private final Random random;
  private final long deadline;
  private final CheckpointLog checkpoint;
  private final CrashPlan plan;
  private final StringBuilder history = new StringBuilder();
  int kills;

  /** Kills that hit a batch whose offsets were logged but which was not committed yet. */
  int killsMidBatch;

  int selfExits;
  int cassandraRestarts;

  /** Lines processed at the last disruption (kill, self-exit or Cassandra restart). */
  private long linesAtDisruption;

  private long lastLines;

  /** Kill the running instance no earlier than this: 3 to 12 s after its start (nanoTime). */
  private long plannedKill;

  /** When to kill it: set at random once it has made progress since the last disruption. */
  private long killAt;

  CrashSupervisor(
      JobProcess job, CqlSession session, CrashPlan plan, long deadline, CheckpointLog checkpoint) {
    this.job = job;
    this.session = session;
    this.plan = plan;
    this.random = new Random(plan.seed());
    this.deadline = deadline;
    this.checkpoint = checkpoint;
  }

  /**
   * Kills the job {@link CrashPlan#kills()} times and restarts it each time. An instance is killed
   * only once it has processed lines since the last disruption, at a random moment after that
   * (somewhere in its next few batches), and before it has used up its share of the stream, so that
   * every kill hits the job mid-stream. After the {@link CrashPlan#restartCassandraAfterKill()}th
   * kill, the Cassandra node restarts under the running job.
   */
  void killRepeatedly(LocalCassandra cassandra) throws Exception {
    startJob();
    while (kills < plan.kills()) {
      checkDeadline("killing the job (" + kills + " kills so far)");
      restartIfExited();
      long lines = lines();
      if (lines >= plan.totalLines()) {
        throw new AssertionError(
            "the job finished the stream after only "
                + kills
                + " kills: lower"
                + " MAX_LINES_PER_BATCH");
      }
      long progress = lines - linesAtDisruption;
      if (progress > 0) {
        long now = System.nanoTime();
        if (killAt == Long.MAX_VALUE) {
          killAt = Math.max(plannedKill, now + millis(random.nextInt(4_000)));
        }
        if (now >= killAt || progress >= budget()) {
          job.kill();
          kills++;
          linesAtDisruption = freshLines();
          long inFlight = checkpoint.uncommittedBatch();
          if (inFlight >= 0) {
            killsMidBatch++;
          }
          note(
              "SIGKILL #"
                  + kills
                  + " after "
                  + linesAtDisruption
                  + " lines, "
                  + (inFlight >= 0 ? "batch " + inFlight + " in flight" : "between batches")
                  + " (exit "
                  + job.exitCode()
                  + ")");
          startJob();
          if (kills == plan.restartCassandraAfterKill()) {
            awaitProgress("the job restarted after SIGKILL #" + kills);
            Thread.sleep(random.nextInt(3_000));
            restartCassandra(cassandra);
          }
        }
      }
      Thread.sleep(POLL.toMillis());
    }
  }

  /** Lines an instance may process before it is killed: an even share of what is left. */
  private long budget() {
    int disruptionsLeft = plan.kills() - kills + (cassandraRestarts == 0 ? 1 : 0);
    return (plan.totalLines() - linesAtDisruption) / (disruptionsLeft + 1);
  }

  private void startJob() throws IOException {
    job.start();
    plannedKill = System.nanoTime() + millis(3_000 + random.nextInt(9_001));
    killAt = Long.MAX_VALUE;
  }

  /** Lets the last job instance run until every event was delivered and processed. */
  void runToCompletion(Generator generator) throws Exception {
    while (true) {
      checkDeadline("waiting for the job to process all " + plan.totalLines() + " lines");
      restartIfExited();
      long lines = lines();
      if (lines > plan.totalLines()) {
        throw new AssertionError(
            "batch_stats holds " + lines + " lines, more than " + plan.totalLines());
      }
      if (lines == plan.totalLines() && generator.awaitCompletion(Duration.ZERO)) {
        note("all " + plan.totalLines() + " lines processed");
        return;
      }
      Thread.sleep(POLL.toMillis());
    }
  }

  private void awaitProgress(String what) throws Exception {
    while (lines() <= linesAtDisruption) {
      checkDeadline("waiting for progress of " + what);
      restartIfExited();
      Thread.sleep(POLL.toMillis());
    }
  }

  private void restartCassandra(LocalCassandra cassandra) throws Exception {
    note("restarting the Cassandra node, the job running, after " + lastLines + " lines");
    long t0 = System.nanoTime();
    cassandra.stop();
    cassandra.start();
    cassandraRestarts++;
    note(
        "Cassandra restarted in "
            + TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0)
            + " s; job "
            + (job.alive() ? "still running" : "exited " + job.exitCode()));
    if (job.alive()) {
      // The driver reconnects by itself; until it has, lines() answers the last value read.
      linesAtDisruption = freshLines();
      plannedKill = System.nanoTime() + millis(3_000 + random.nextInt(9_001));
      killAt = Long.MAX_VALUE;
    } else {
      restartIfExited();
    }
  }

  /** Restarts the job if it exited by itself; a new instance gets a new kill moment. */
  private void restartIfExited() throws Exception {
    if (job.alive()) {
      return;
    }
    selfExits++;
    note(
        "the job exited by itself with "
            + job.exitCode()
            + " after "
            + lastLines
            + " lines; restarting it in "
            + RESTART_PAUSE.toSeconds()
            + " s");
    Thread.sleep(RESTART_PAUSE.toMillis());
    startJob();
    // Read while the new instance starts up, before it can make progress; after a Cassandra
    // restart this waits for the driver to reconnect.
    linesAtDisruption = freshLines();
  }

  private static long millis(long millis) {
    return TimeUnit.MILLISECONDS.toNanos(millis);
  }

  /** Lines processed so far; while Cassandra is unreachable, the last value read. */
  private long lines() {
    try {
      lastLines = ItSupport.linesProcessed(session, plan.jobName());
    } catch (DriverException e) {
      // The node is restarting or the driver has not reconnected yet: try again later.
    }
    return lastLines;
  }

  /** Lines processed so far, read now: waits while the driver reconnects. */
  private long freshLines() throws InterruptedException {
    while (true) {
      checkDeadline("reading batch_stats");
      try {
        lastLines = ItSupport.linesProcessed(session, plan.jobName());
        return lastLines;
      } catch (DriverException e) {
        Thread.sleep(500);
      }
    }
  }

  private void checkDeadline(String doing) {
    if (System.nanoTime() > deadline) {
      throw new AssertionError(
          "timed out after "
              + plan.timeout().toMinutes()
              + " minutes "
              + doing
              + "; "
              + lastLines
              + " of "
              + plan.totalLines()
              + " lines processed");
    }
  }

  private void note(String event) {
    String line = Instant.now() + " " + event;
    history.append(line).append('\n');
    System.out.println("CrashRecoveryIT " + line);
  }

  String history() {
    return "---- supervisor ----\n" + history;
  }
}
