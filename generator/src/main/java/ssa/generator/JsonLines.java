package ssa.generator;

/**
 * One JSON object per line, fields always in this order:
 *
 * <pre>{"id":"g1-42","api":"/api/v1/res-007","status":200,"latency_ms":12.345,
 * "_timestamp":1700000000000,"client":"client-07"}</pre>
 *
 * (on one line). The ids, keys and clients we generate need no escaping, so lines are built
 * directly.
 */
final class JsonLines implements LineFormat {
  private static final int GARBAGE = 0;
  private static final int TRUNCATED = 1;
  private static final int MISSING_KEY = 2;
  private static final int LATENCY_NOT_NUMBER = 3;
  private static final int STATUS_NOT_INT = 4;
  private static final int KINDS = 5;

  @Override
  public String line(EventFields f) {
    return json(f, f.key(), Integer.toString(f.status()), f.latencyText());
  }

  @Override
  public String malformedLine(EventFields f, long entropy) {
    return switch (LineFormat.kind(entropy, KINDS)) {
      case GARBAGE -> "#!garbage " + f.id() + " <not json>";
      case TRUNCATED -> truncated(line(f), entropy);
      case MISSING_KEY -> json(f, null, Integer.toString(f.status()), f.latencyText());
      case LATENCY_NOT_NUMBER -> json(f, f.key(), Integer.toString(f.status()), "\"fast\"");
      case STATUS_NOT_INT -> json(f, f.key(), "\"OK\"", f.latencyText());
      default -> throw new IllegalStateException("no malformed kind " + entropy);
    };
  }

  /** A strict, non-empty prefix: never valid JSON, since the closing brace is always cut. */
  private static String truncated(String line, long entropy) {
    int cut = 1 + (int) Long.remainderUnsigned(entropy >>> 8, line.length() - 1);
    return line.substring(0, cut);
  }

  /** {@code key} null leaves the api field out. */
  private static String json(EventFields f, String key, String status, String latency) {
    StringBuilder json = new StringBuilder(144).append("{\"id\":\"").append(f.id()).append('"');
    if (key != null) {
      json.append(",\"api\":\"").append(key).append('"');
    }
    return json.append(",\"status\":")
        .append(status)
        .append(",\"latency_ms\":")
        .append(latency)
        .append(",\"_timestamp\":")
        .append(f.timestampMillis())
        .append(",\"client\":\"")
        .append(f.client())
        .append("\"}")
        .toString();
  }
}
