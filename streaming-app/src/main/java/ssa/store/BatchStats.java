package ssa.store;

import java.time.Instant;

/**
 * What one micro-batch read and wrote: a row of the batch_stats table. {@code replayed}: the batch
 * had been recorded before, so this is Spark running it again after a stop between our last write
 * and its checkpoint commit.
 */
public record BatchStats(
    String queryId,
    long batchId,
    long inputLines,
    long validEvents,
    long deadLetters,
    long lateEvents,
    long futureEvents,
    long rollupRows,
    Instant watermark,
    Instant maxEventTime,
    Instant startedAt,
    Instant finishedAt,
    boolean replayed) {}
