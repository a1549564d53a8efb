package ssa.generator;

/**
 * {@code g1-42,/api/v1/res-007,200,12.345,1700000000000,client-07}: id, api, status, latency, time,
 * client.
 */
final class CsvLines implements LineFormat {
  private static final int WRONG_FIELD_COUNT = 0;
  private static final int LATENCY_NOT_NUMBER = 1;
  private static final int EMPTY_KEY = 2;
  private static final int KINDS = 3;

  @Override
  public String line(EventFields f) {
    return csv(f, f.key(), f.latencyText());
  }

  @Override
  public String malformedLine(EventFields f, long entropy) {
    return switch (LineFormat.kind(entropy, KINDS)) {
      case WRONG_FIELD_COUNT -> f.id() + "," + f.key() + "," + f.latencyText();
      case LATENCY_NOT_NUMBER -> csv(f, f.key(), "fast");
      case EMPTY_KEY -> csv(f, "", f.latencyText());
      default -> throw new IllegalStateException("no malformed kind " + entropy);
    };
  }

  /** The event's line, with the key and latency given: a malformed line replaces either. */
  private static String csv(EventFields f, String key, String latency) {
    return f.id()
        + ','
        + key
        + ','
        + f.status()
        + ','
        + latency
        + ','
        + f.timestampMillis()
        + ','
        + f.client();
  }
}
