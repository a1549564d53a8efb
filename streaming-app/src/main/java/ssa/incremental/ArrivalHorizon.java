package ssa.incremental;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import ssa.rollup.BatchId;
import ssa.store.RawIndex.DayArrival;
import ssa.store.StreamProgress;

/**
 * Which raw events a run may summarize, by receiving time, so that it never counts an event twice
 * beside a running streaming job.
 *
 * <p>With a stream: the events it has written up to its last recorded batch. Events of later
 * batches are left out: that batch will add them to the rollups itself. The last batch's events are
 * kept apart ({@code settledUntil} ends before them), because Spark may replay that batch.
 *
 * <p>Without a stream: the events received up to the newest arrival in the raw index when the run
 * started; later ones are for the next run.
 *
 * @param receivedUntil newest receiving time included; null when there is nothing to read
 * @param settledUntil newest receiving time before the stream's last batch; null for none
 * @param lastBatch the stream's last recorded batch, or null without a stream
 * @param applied what rebuilt rows store as applied_batch
 */
record ArrivalHorizon(
    Instant receivedUntil, Instant settledUntil, BatchId lastBatch, String applied)
    implements java.io.Serializable {

  static ArrivalHorizon of(Optional<StreamProgress> stream, List<DayArrival> days, String id) {
    if (stream.isPresent()
        && stream.get().receivedUntil() != null
        && stream.get().appliedBatch() != null) {
      StreamProgress progress = stream.get();
      return new ArrivalHorizon(
          progress.receivedUntil(),
          progress.priorReceivedUntil(),
          progress.appliedBatch(),
          progress.appliedBatch().toString());
    }
    Instant newest =
        days.stream()
            .map(DayArrival::lastReceived)
            .filter(Objects::nonNull)
            .max(Instant::compareTo)
            .orElse(null);
    return new ArrivalHorizon(newest, newest, null, "incremental:" + id);
  }
}
