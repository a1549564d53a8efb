package ssa.generator;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shows the rate actually achieved, the total, the connected clients and the lag behind schedule,
 * so an operator sees at once when the generator (or a slow client) cannot keep up. On a terminal
 * it is one line rewritten in place; otherwise a log line each interval.
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

  private final boolean terminal = System.console() != null;
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
    String line =
        String.format(
            java.util.Locale.ROOT,
            "sent %,d events, %,d ev/s over last %s, %d live client(s), %d pulling (%,d ranges"
                + " served), lag %d ms",
            sent, perSecond, describe(Duration.ofNanos(now - lastNanos)), generator.clients(),
            generator.pulling(), generator.rangesPulled(),
            TimeUnit.NANOSECONDS.toMillis(generator.lagNanos()));
    if (terminal) {
      // \r and erase-to-end-of-line: the same line, updated in place.
      System.err.print("\r" + line + "\u001b[K");
      System.err.flush();
    } else {
      LOG.info(line);
    }
    lastSent = sent;
    lastNanos = now;
  }

  @Override
  public void close() {
    timer.shutdownNow();
    if (terminal) {
      System.err.println();
    }
  }

  private static String describe(Duration elapsed) {
    long millis = elapsed.toMillis();
    return millis >= 1000 ? Math.round(millis / 1000.0) + "s" : millis + "ms";
  }
}
