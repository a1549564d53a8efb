package ssa.generator;

import java.util.Arrays;
import java.util.Locale;

/** How each event is written on the wire. */
public enum EventFormat {
  /** One JSON object per line. */
  JSON,
  /** Comma-separated id, api, status, latency_ms, _timestamp, client; no header. */
  CSV;

  /** The spelling used in configuration and on the command line. */
  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }

  static String[] configNames() {
    return Arrays.stream(values()).map(EventFormat::configName).toArray(String[]::new);
  }

  /** The format of a name {@link #configNames} holds. */
  static EventFormat byConfigName(String name) {
    return valueOf(name.toUpperCase(Locale.ROOT));
  }
}
