package ssa.store;

/**
 * Writes one task's raw events and dead letters, asynchronously: {@link #close} returns once every
 * write has succeeded, or throws the first failure so the batch fails and is replayed.
 */
public interface EventWriter extends AutoCloseable {
  void raw(RawEvent event);

  void deadLetter(DeadLetter line);

  @Override
  void close();
}
