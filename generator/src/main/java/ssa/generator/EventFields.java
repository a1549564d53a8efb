package ssa.generator;

/** The values of one event, before they are written in a wire format. */
record EventFields(
    String id, String key, int status, double latencyMs, long timestampMillis, String client) {

  /** The latency as written on the wire: exactly three decimals, never an exponent. */
  String latencyText() {
    long thousandths = Math.round(latencyMs * 1000);
    String fraction = Long.toString(thousandths % 1000);
    return thousandths / 1000 + "." + "000".substring(fraction.length()) + fraction;
  }
}
