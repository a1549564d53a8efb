package ssa.incremental;

import java.time.Instant;
import ssa.rollup.Grain;

/**
 * Where an incremental summarization stands after its last committed run: the start of the last
 * period it processed (read again next time, as it may have been incomplete), and the newest
 * receiving time it took as settled (older days that receive events after it are read again).
 */
public record IncrementalState(
    String id, Grain period, Instant lastPeriodStart, Instant receivedUntil, Instant committedAt) {}
