package ssa.monitor;

import java.time.Instant;
import java.util.Map;
import ssa.store.BatchStats;

/**
 * What the batch handler knows of a batch when it is done: its row of batch_stats, the newest event
 * time among its events (null when it had none), when its rollups were written, and how long each
 * of its steps took, in order (the batch's profile).
 */
public record BatchOutcome(
    BatchStats stats, Instant newestEvent, Instant rollupsWrittenAt, Map<String, Long> stepsMs) {

  public BatchOutcome {
    stepsMs = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(stepsMs));
  }
}
