package ssa.generator;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The ranges pulled so far and those still being pulled, which tell a bounded run when its pulling
 * clients are done. A job pulls one batch over several connections, in any order and possibly in
 * waves, so the range holding the last event says nothing about the others: done means the last
 * event was pulled, no range is open, and none opened for a while (the linger), which leaves the
 * job's later tasks, a retried task or a quick replay the time to connect.
 */
final class RangePulls {
  private final long count;
  private final long lingerNanos;
  private long lines;
  private long ranges;
  private int open;
  private boolean lastPulled;
  private long quietSince;

  RangePulls(long count, Duration linger) {
    this.count = count;
    this.lingerNanos = linger.toNanos();
  }

  synchronized void opened() {
    open++;
  }

  /** Counted before the connection closes, so a reader that is done sees itself counted. */
  synchronized void served(long from, long until) {
    lines += until - from;
    ranges++;
    if (count > 0 && until >= count) {
      lastPulled = true;
    }
  }

  synchronized void closed() {
    open--;
    quietSince = System.nanoTime();
    notifyAll();
  }

  /** Lines served in ranges, malformed ones included. */
  synchronized long lines() {
    return lines;
  }

  synchronized long ranges() {
    return ranges;
  }

  /** The last event was pulled and no range is open: done once no one else connects. */
  synchronized boolean settled() {
    return lastPulled && open == 0;
  }

  /** Settled, and has stayed so for the linger. */
  synchronized boolean done() {
    return settled() && System.nanoTime() - quietSince >= lingerNanos;
  }

  /** Waits up to {@code nanos} for {@link #done()}; true if it is. */
  synchronized boolean awaitDone(long nanos) throws InterruptedException {
    long deadline = System.nanoTime() + nanos;
    while (!done()) {
      long now = System.nanoTime();
      long left = deadline - now;
      if (left <= 0) {
        return false;
      }
      // Nothing notifies when the linger runs out, so wake up for it.
      long untilQuiet = settled() ? lingerNanos - (now - quietSince) : left;
      TimeUnit.NANOSECONDS.timedWait(this, Math.max(1, Math.min(left, untilQuiet)));
    }
    return true;
  }
}
