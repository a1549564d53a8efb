package ssa.generator;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs the rate actually achieved and the lag behind schedule, so an operator sees at once when
 * the generator (or a slow client) cannot keep up with the configured rate.
 */
final class RateReporter implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RateReporter.class);

  private final Generator generator;
  private final Duration interval;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          task -> {
            Thread thread = new Thread(task, "generator-report");
            thread.setDaemon(true);
            return thread;
          });

  private long lastSent;
  private long lastNanos;

  RateReporter(Generator generator, Duration interval) {
    this.generator = generator;
    this.interval = interval;
  }

  void start() {
    lastSent = generator.sent();
    lastNanos = System.nanoTime();
    long period = interval.toNanos();
    timer.scheduleAtFixedRate(this::report, period, period, TimeUnit.NANOSECONDS);
  }

  private void report() {
    long sent = generator.sent();
    long now = System.nanoTime();
    // Measured over the time actually elapsed, as the timer itself may run late.
    double seconds = (now - lastNanos) / 1e9;
    long perSecond = seconds > 0 ? Math.round((sent - lastSent) / seconds) : 0;
    LOG.info(
        "sent {} events, {} ev/s over last {}, {} client(s), lag {} ms",
        sent,
        perSecond,
        describe(Duration.ofNanos(now - lastNanos)),
        generator.clients(),
        TimeUnit.NANOSECONDS.toMillis(generator.lagNanos()));
    lastSent = sent;
    lastNanos = now;
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }

  private static String describe(Duration elapsed) {
    long millis = elapsed.toMillis();
    return millis >= 1000 ? Math.round(millis / 1000.0) + "s" : millis + "ms";
  }
}
