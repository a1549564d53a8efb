package ssa.generator;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How each event is written on the wire. */
public enum EventFormat {
  /** One JSON object per line. */
  JSON,
  /** Comma-separated id, api, status, latency_ms, _timestamp; no header. */
  CSV;

  /** The spelling used in configuration and on the command line. */
  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }

  static EventFormat parse(String key, String value) {
    for (EventFormat format : values()) {
      if (format.configName().equalsIgnoreCase(value.trim())) {
        return format;
      }
    }
    String allowed =
        Arrays.stream(values()).map(EventFormat::configName).collect(Collectors.joining(", "));
    throw new IllegalArgumentException(
        key + " must be one of " + allowed + ", was '" + value + "'");
  }
}
