package ssa.source;

import java.io.Serializable;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/** The options of {@code format("ssa-tcp")}, as {@link LineSource} passes them. */
record SsaTcpOptions(
    String host,
    int port,
    int partitions,
    long maxLinesPerBatch,
    boolean startAtLatest,
    long retryForMillis)
    implements Serializable {
  static final String HOST = "host";
  static final String PORT = "port";
  static final String PARTITIONS = "partitions";
  static final String MAX_LINES_PER_BATCH = "maxLinesPerBatch";
  static final String STARTING_POSITION = "startingPosition";
  static final String RETRY_FOR_MILLIS = "retryForMillis";

  static SsaTcpOptions from(CaseInsensitiveStringMap options) {
    return new SsaTcpOptions(
        required(options, HOST),
        Integer.parseInt(required(options, PORT)),
        Integer.parseInt(required(options, PARTITIONS)),
        Long.parseLong(required(options, MAX_LINES_PER_BATCH)),
        required(options, STARTING_POSITION).equals("latest"),
        Long.parseLong(required(options, RETRY_FOR_MILLIS)));
  }

  private static String required(CaseInsensitiveStringMap options, String key) {
    String value = options.get(key);
    if (value == null) {
      throw new IllegalArgumentException("the ssa-tcp source needs the option " + key);
    }
    return value;
  }
}
