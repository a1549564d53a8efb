package ssa.generator;

import java.time.Instant;
import java.util.OptionalLong;

/**
 * When the generator's sequence started, shared by the live stream and the pulled ranges: the event
 * time of event 0, and how many events the schedule has made available since.
 */
final class EventClock {
  private final GeneratorSettings settings;
  private long startMillis = -1;
  private long pullStartNanos = -1;
  private EventFactory factory;

  EventClock(GeneratorSettings settings) {
    this.settings = settings;
  }

  /** The factory of this run's events, fixing event 0's time on first use. */
  synchronized EventFactory factory() {
    if (factory == null) {
      startMillis =
          settings.startTime().map(Instant::toEpochMilli).orElseGet(System::currentTimeMillis);
      factory = new EventFactory(settings, startMillis);
    }
    return factory;
  }

  synchronized OptionalLong startMillis() {
    return startMillis < 0 ? OptionalLong.empty() : OptionalLong.of(startMillis);
  }

  /**
   * Events available to pull: those due by the rate since the first pull, all of them at rate 0,
   * never more than {@code count}.
   */
  synchronized long available() {
    factory();
    long now = System.nanoTime();
    if (pullStartNanos < 0) {
      pullStartNanos = now;
    }
    long due =
        settings.rate() == 0
            ? Long.MAX_VALUE
            : (long) ((now - pullStartNanos) / 1e9 * settings.rate());
    return settings.count() > 0 ? Math.min(due, settings.count()) : due;
  }
}
