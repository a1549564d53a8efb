package ssa.store;

/** A keyspace whose tables an older schema made, which {@code run.sh migrate} brings up to date. */
public final class OutdatedSchemaException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  OutdatedSchemaException(String message) {
    super(message);
  }
}
