package ssa.generator;

/** {@code g1-42,/api/v1/res-007,200,12.345,1700000000000}: id, api, status, latency, time. */
final class CsvLines implements LineFormat {
  private static final int WRONG_FIELD_COUNT = 0;
  private static final int LATENCY_NOT_NUMBER = 1;
  private static final int EMPTY_KEY = 2;
  private static final int KINDS = 3;

  @Override
  public String line(EventFields f) {
    return csv(f.id(), f.key(), Integer.toString(f.status()), f.latencyText(), f.timestampMillis());
  }

  @Override
  public String malformedLine(EventFields f, long entropy) {
    return switch (LineFormat.kind(entropy, KINDS)) {
      case WRONG_FIELD_COUNT -> f.id() + "," + f.key() + "," + f.latencyText();
      case LATENCY_NOT_NUMBER ->
          csv(f.id(), f.key(), Integer.toString(f.status()), "fast", f.timestampMillis());
      case EMPTY_KEY ->
          csv(f.id(), "", Integer.toString(f.status()), f.latencyText(), f.timestampMillis());
      default -> throw new IllegalStateException("no malformed kind " + entropy);
    };
  }

  private static String csv(String id, String key, String status, String latency, long time) {
    return id + ',' + key + ',' + status + ',' + latency + ',' + time;
  }
}
