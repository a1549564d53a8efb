package ssa.generator;

/**
 * One generated line and the values it was made from.
 *
 * @param sequence position in the generator's single sequence, from 0
 * @param malformed true if {@link #line()} is deliberately broken; the other fields then hold the
 *     values the line was derived from, which a parser cannot recover from it
 * @param line the line as written on the wire, without the newline
 * @param client the event's client, one of the {@link GeneratorSettings#clients()} names shared by
 *     all keys: what a count of distinct clients per key counts
 */
public record GeneratedEvent(
    long sequence,
    boolean malformed,
    String line,
    String id,
    String key,
    int status,
    double latencyMs,
    long timestampMillis,
    String client) {}
