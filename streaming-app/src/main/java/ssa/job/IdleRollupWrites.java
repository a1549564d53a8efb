package ssa.job;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ssa.store.BatchStore;

/**
 * Writes the rollup rows that {@code rollup.coarse-write-interval} holds back once it has passed,
 * also when no batch runs: Spark runs none while no line comes, and an idle stream's hour, day,
 * month and year rows must still catch up with its minutes.
 */
final class IdleRollupWrites implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(IdleRollupWrites.class);
  private static final Duration CHECK_EVERY = Duration.ofSeconds(1);

  private final ScheduledExecutorService timer;

  private IdleRollupWrites(ScheduledExecutorService timer) {
    this.timer = timer;
  }

  /** Checks every second; none when the interval is 0 (every batch writes every row). */
  static IdleRollupWrites start(BatchStore store, Duration interval) {
    if (interval.isZero()) {
      return new IdleRollupWrites(null);
    }
    ScheduledExecutorService timer =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "ssa-idle-rollup-writes");
              thread.setDaemon(true);
              return thread;
            });
    timer.scheduleWithFixedDelay(
        () -> {
          try {
            store.writeDueRollups();
          } catch (RuntimeException e) {
            // Still pending and noted: the next check, batch or start writes them.
            LOG.warn("Could not write the pending rollup rows; will try again", e);
          }
        },
        CHECK_EVERY.toMillis(),
        CHECK_EVERY.toMillis(),
        TimeUnit.MILLISECONDS);
    return new IdleRollupWrites(timer);
  }

  @Override
  public void close() {
    if (timer == null) {
      return;
    }
    timer.shutdown();
    try {
      timer.awaitTermination(1, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
