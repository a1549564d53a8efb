package ssa.generator;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Produces the one shared sequence of events and writes each to every connected client, on
 * schedule. The sequence advances only while someone is connected, so nothing is generated into the
 * void before the job connects, and a client that reconnects continues where the sequence stands
 * rather than from 0.
 */
final class EventPump implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(EventPump.class);
  // Upper bound on any wait, so a close is noticed even if a wake-up is missed.
  private static final long MAX_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

  private final GeneratorSettings settings;
  private final Clients clients;
  private final Pacer pacer;

  private final EventClock clock;
  private EventFactory factory;
  private volatile long sent;
  private volatile long lagNanos;
  private volatile boolean stopping;
  // Time spent serving, pauses excluded: the denominator of the achieved average rate.
  private long connectedNanos;

  EventPump(GeneratorSettings settings, Clients clients, EventClock clock) {
    this.settings = settings;
    this.clients = clients;
    this.clock = clock;
    this.pacer = new Pacer(settings.rate(), settings.catchUp());
  }

  /** Runs until {@code count} events were sent (then finishes the connections) or until stopped. */
  @Override
  public void run() {
    try {
      while (!stopping && !countReached()) {
        if (clients.awaitAny(MAX_WAIT_NANOS, TimeUnit.NANOSECONDS)) {
          pumpWhileConnected();
        }
      }
      if (countReached()) {
        clients.finishAll();
        double seconds = connectedNanos / 1e9;
        LOG.info(
            "sent all {} events in {} s with clients connected, {} ev/s",
            sent,
            String.format("%.3f", seconds),
            seconds > 0 ? Math.round(sent / seconds) : sent);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  void stop() {
    stopping = true;
  }

  boolean countReached() {
    return settings.count() > 0 && sent >= settings.count();
  }

  long sent() {
    return sent;
  }

  long lagNanos() {
    return lagNanos;
  }

  private void pumpWhileConnected() {
    if (factory == null) {
      factory = clock.factory();
    }
    long connectedAt = System.nanoTime();
    pacer.restart(connectedAt);
    while (!stopping && !countReached() && !clients.isEmpty()) {
      long now = System.nanoTime();
      lagNanos = pacer.lagNanos(now);
      long due = pacer.due(now);
      if (settings.count() > 0) {
        due = Math.min(due, settings.count() - sent);
      }
      if (due == 0) {
        LockSupport.parkNanos(Math.min(pacer.nanosUntilNext(now), MAX_WAIT_NANOS));
        continue;
      }
      pacer.issued(write(due));
      clients.flush();
    }
    connectedNanos += System.nanoTime() - connectedAt;
    // Paused: nothing is late while no one is waiting for events.
    lagNanos = 0;
  }

  /** Writes up to {@code due} events, fewer if the last client goes away; returns how many. */
  private long write(long due) {
    long written = 0;
    long next = sent;
    while (written < due && !clients.isEmpty() && !stopping) {
      byte[] line = (factory.event(next).line() + '\n').getBytes(StandardCharsets.UTF_8);
      next++;
      written++;
      // Counted before the write, so whoever sees the last client dropped sees the final count.
      sent = next;
      clients.write(line);
    }
    return written;
  }
}
