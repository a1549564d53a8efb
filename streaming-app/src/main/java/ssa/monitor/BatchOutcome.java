package ssa.monitor;

import java.time.Instant;
import ssa.store.BatchStats;

/**
 * What the batch handler knows of a batch when it is done: its row of batch_stats, the newest
 * event time among its events (null when it had none), and when its rollups were written.
 */
public record BatchOutcome(BatchStats stats, Instant newestEvent, Instant rollupsWrittenAt) {}
