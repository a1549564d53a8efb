package ssa.generator;

/** Writes events, and deliberately broken lines, in one wire format. */
interface LineFormat {

  String line(EventFields fields);

  /**
   * A line a parser must reject. {@code entropy} picks the kind of damage, so the kinds rotate
   * pseudo-randomly yet reproducibly.
   */
  String malformedLine(EventFields fields, long entropy);

  static LineFormat of(EventFormat format) {
    return switch (format) {
      case JSON -> new JsonLines();
      case CSV -> new CsvLines();
    };
  }

  /** Picks one of {@code kinds} kinds from the low bits of the entropy. */
  static int kind(long entropy, int kinds) {
    return (int) Long.remainderUnsigned(entropy, kinds);
  }
}
