package ssa.rollup;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;

/**
 * Sorts a batch's lines into what the rollups do with them, from what was known before the batch: a
 * pure function, so a replayed batch sorts every line the same way.
 *
 * <p>Only events stamped at most {@code futureSkew} after they were received move the watermark:
 * one event stamped far in the future would otherwise make every later on-time event late. (Capping
 * its time at receiving time plus the skew would not do: with a skew above the allowed lateness,
 * the events of the next minutes would still be late.)
 */
public final class EventClassifier implements Serializable {
  /** What the rollups do with a line. */
  public enum Verdict {
    /** Not an event: goes to dead_letter with its reason. */
    DEAD_LETTER,
    /** Older than the watermark: kept in events_raw, left out of the rollups. */
    LATE,
    /** Stamped beyond its receiving time plus the skew: rolled up in its own buckets. */
    FUTURE,
    ON_TIME;

    public boolean rolledUp() {
      return this == ON_TIME || this == FUTURE;
    }
  }

  private final Instant watermark;
  private final Duration futureSkew;

  /**
   * @param watermark events before it are late; null before any event was seen
   */
  public EventClassifier(Instant watermark, Duration futureSkew) {
    this.watermark = watermark;
    this.futureSkew = futureSkew;
  }

  /** The watermark of a batch: the newest progress time before it, less the allowed lateness. */
  public static Instant watermark(Instant progressBefore, Duration allowedLateness) {
    return progressBefore == null ? null : progressBefore.minus(allowedLateness);
  }

  /**
   * @param error why the line is not an event, or null for an event
   */
  public Verdict classify(String error, Instant eventTime, Instant receivedAt) {
    if (error != null) {
      return Verdict.DEAD_LETTER;
    }
    if (watermark != null && eventTime.isBefore(watermark)) {
      return Verdict.LATE;
    }
    return eventTime.isAfter(receivedAt.plus(futureSkew)) ? Verdict.FUTURE : Verdict.ON_TIME;
  }

  /**
   * How far an event moves the stream's progress (and so the next batches' watermark): to its time,
   * or nowhere (null) for an event of the {@link Verdict#FUTURE}.
   */
  public Instant progressTime(Instant eventTime, Instant receivedAt) {
    return eventTime.isAfter(receivedAt.plus(futureSkew)) ? null : eventTime;
  }

  public Instant watermark() {
    return watermark;
  }
}
