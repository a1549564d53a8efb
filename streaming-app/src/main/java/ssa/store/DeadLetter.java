package ssa.store;

import java.time.Instant;

/** A rejected line as dead_letter stores it, by the UTC hour it was received. */
public record DeadLetter(Instant receivedAt, long position, String line, String reason) {}
