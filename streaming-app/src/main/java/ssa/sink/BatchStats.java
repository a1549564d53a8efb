package ssa.sink;

import java.time.Instant;

/** What one micro-batch read and wrote: a row of the batch_stats table. */
public record BatchStats(
    String queryId,
    long batchId,
    long inputLines,
    long validEvents,
    long deadLetters,
    long lateEvents,
    long rollupRows,
    Instant watermark,
    Instant maxEventTime,
    Instant startedAt,
    Instant finishedAt) {}
