package ssa.generator;

import java.time.Duration;

/**
 * Rate by schedule, not by sleep: the k-th event since {@link #restart} is due at origin + k /
 * rate, so time spent writing never accumulates as drift. When the writer falls behind by more than
 * the catch-up allowance, the older arrears are forgiven (the schedule slips) instead of being sent
 * as one long burst. Times are passed in, so the logic is tested without a clock.
 */
final class Pacer {
  private static final long NANOS_PER_SECOND = 1_000_000_000L;
  // With no rate, write this many events per flush: large enough to amortise the system call,
  // small enough to notice a close or a new client promptly.
  static final long UNLIMITED_BATCH = 4096;

  private final long rate;
  private final double nanosPerEvent;
  private final long maxBacklog;

  private long originNanos;
  private long issued;
  private long slipped;

  /**
   * @param rate events per second, 0 for no limit
   * @param catchUp how much schedule time a burst may make up
   */
  Pacer(long rate, Duration catchUp) {
    this.rate = rate;
    this.nanosPerEvent = rate > 0 ? (double) NANOS_PER_SECOND / rate : 0;
    this.maxBacklog = Math.max(1, (long) (rate * (catchUp.toNanos() / (double) NANOS_PER_SECOND)));
  }

  /** Starts a fresh schedule with the first event due now, so a pause is never made up for. */
  void restart(long nowNanos) {
    originNanos = nowNanos;
    issued = 0;
  }

  /** Events due at {@code nowNanos} and not yet issued. */
  long due(long nowNanos) {
    if (rate == 0) {
      return UNLIMITED_BATCH;
    }
    long scheduled = (long) ((nowNanos - originNanos) / nanosPerEvent) + 1;
    long backlog = scheduled - issued;
    if (backlog > maxBacklog) {
      slipped += backlog - maxBacklog;
      issued += backlog - maxBacklog;
      backlog = maxBacklog;
    }
    return Math.max(0, backlog);
  }

  void issued(long events) {
    issued += events;
  }

  /** Time until the next event is due, negative when it is overdue. */
  long nanosUntilNext(long nowNanos) {
    if (rate == 0) {
      return 0;
    }
    return originNanos + (long) (issued * nanosPerEvent) - nowNanos;
  }

  /** How late the next event is (0 when on time): the writer's lag behind the schedule. */
  long lagNanos(long nowNanos) {
    return Math.max(0, -nanosUntilNext(nowNanos));
  }

  /** Events whose schedule slots were forgiven since the pacer was made. */
  long slipped() {
    return slipped;
  }
}
