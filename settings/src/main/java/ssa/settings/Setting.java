package ssa.settings;

/**
 * One setting, declared once: its path, the type and range of its value, and the environment
 * variable that overrides it. A program lists its settings as an enum of these (in the manner of
 * the Cassandra Java driver's option enum); the loader derives the environment layer and the set of
 * valid keys from that list, and a test holds it to {@code reference.conf}.
 */
public interface Setting {
  /** Path, type and environment variable, as declared. */
  Declaration declaration();

  /** The full path, e.g. {@code ssa.job.source.port}. */
  default String key() {
    return declaration().key();
  }

  default ValueType type() {
    return declaration().type();
  }

  /** The environment variable that overrides it, or null for none. */
  default String env() {
    return declaration().env();
  }
}
