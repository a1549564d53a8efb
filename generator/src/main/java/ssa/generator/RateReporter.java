package ssa.generator;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
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

  private final boolean terminal;
  private final Consumer<String> out;
  private long lastSent;
  private long lastNanos;

  /** One line rewritten in place on a terminal; a log line each interval otherwise. */
  static RateReporter forConsole(Generator generator, Duration interval) {
    boolean terminal = System.console() != null;
    return new RateReporter(
        generator, interval, terminal, terminal ? RateReporter::rewriteInPlace : LOG::info);
  }

  /** Sends each progress line to {@code out}; tests read the lines this way. */
  RateReporter(Generator generator, Duration interval, Consumer<String> out) {
    this(generator, interval, false, out);
  }

  private RateReporter(
      Generator generator, Duration interval, boolean terminal, Consumer<String> out) {
    this.generator = generator;
    this.interval = interval;
    this.terminal = terminal;
    this.out = out;
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
            sent,
            perSecond,
            describe(Duration.ofNanos(now - lastNanos)),
            generator.clients(),
            generator.pulling(),
            generator.rangesPulled(),
            TimeUnit.NANOSECONDS.toMillis(generator.lagNanos()));
    out.accept(line);
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

  /** \r and erase-to-end-of-line: the same terminal line, updated in place. */
  private static void rewriteInPlace(String line) {
    System.err.print("\r" + line + "\u001b[K");
    System.err.flush();
  }

  private static String describe(Duration elapsed) {
    long millis = elapsed.toMillis();
    return millis >= 1000 ? Math.round(millis / 1000.0) + "s" : millis + "ms";
  }
}
