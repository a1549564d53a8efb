package ssa.generator;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns command-line options into a configuration layer over the config files, so options, files
 * and environment go through the same validation in {@link GeneratorSettings#from}.
 */
final class CommandLine {
  static final String HELP = "--help";

  private record Option(String name, String key, String value, String description) {}

  private static final List<Option> OPTIONS =
      List.of(
          new Option("--port", GeneratorKeys.PORT, "PORT", "TCP port to listen on, 0 = any free"),
          new Option("--bind", GeneratorKeys.BIND_ADDRESS, "ADDRESS", "address to listen on"),
          new Option("--rate", GeneratorKeys.RATE, "N", "events per second, 0 = unlimited"),
          new Option(
              "--count",
              GeneratorKeys.COUNT,
              "N",
              "events to serve, then exit once pulling clients are done; 0 = forever"),
          new Option(
              "--linger",
              GeneratorKeys.LINGER,
              "DURATION",
              "with --count, wait this long after the last range pulled before exiting"),
          new Option("--keys", GeneratorKeys.KEYS, "N", "number of distinct api keys"),
          new Option("--seed", GeneratorKeys.SEED, "N", "seed of the event data"),
          new Option("--format", GeneratorKeys.FORMAT, "json|csv", "wire format"),
          new Option(
              "--out-of-order",
              GeneratorKeys.OUT_OF_ORDER_FRACTION,
              "FRACTION",
              "share of events with a delayed timestamp"),
          new Option(
              "--max-delay",
              GeneratorKeys.OUT_OF_ORDER_MAX_DELAY,
              "DURATION",
              "largest timestamp delay, e.g. 30s"),
          new Option(
              "--malformed", GeneratorKeys.MALFORMED_FRACTION, "FRACTION", "share of bad lines"),
          new Option(
              "--start-time",
              GeneratorKeys.START_TIME,
              "ISO|now",
              "event time of the first event, e.g. 2024-01-01T00:00:00Z"),
          new Option("--id", GeneratorKeys.ID, "GENERATOR_ID", "prefix of the event ids"),
          new Option(
              "--report-interval",
              GeneratorKeys.REPORT_INTERVAL,
              "DURATION",
              "how often to log the achieved rate"),
          new Option(
              "--catch-up",
              GeneratorKeys.CATCH_UP,
              "DURATION",
              "most schedule arrears to burst through when behind"));

  private CommandLine() {}

  static boolean wantsHelp(String... args) {
    return Arrays.asList(args).contains(HELP);
  }

  /**
   * Accepts both {@code --rate 5000} and {@code --rate=5000}; values stay strings and are typed
   * later, so a bad value is reported with its key like any other setting.
   *
   * @throws IllegalArgumentException for an unknown option or a missing value
   */
  static Config parse(String... args) {
    Map<String, String> values = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      int equals = arg.indexOf('=');
      String name = equals < 0 ? arg : arg.substring(0, equals);
      Option option = option(name);
      String value;
      if (equals >= 0) {
        value = arg.substring(equals + 1);
      } else if (i + 1 < args.length) {
        value = args[++i];
      } else {
        throw new IllegalArgumentException("option " + name + " needs a value " + option.value());
      }
      values.put(option.key(), value);
    }
    return ConfigFactory.parseMap(values, "command line");
  }

  static String usage() {
    StringBuilder usage =
        new StringBuilder("Usage: java -jar ssa-generator-all.jar [options]\n")
            .append("Serves synthetic API-statistics events, one per line, to TCP clients.\n")
            .append("Options override ")
            .append(GeneratorKeys.ROOT)
            .append(".* in application.conf, system properties and environment:\n");
    for (Option option : OPTIONS) {
      String head = option.name() + " " + option.value();
      usage.append(String.format("  %-28s %s (%s)%n", head, option.description(), option.key()));
    }
    return usage.append(String.format("  %-28s %s%n", HELP, "print this help")).toString();
  }

  private static Option option(String name) {
    for (Option option : OPTIONS) {
      if (option.name().equals(name)) {
        return option;
      }
    }
    throw new IllegalArgumentException("unknown option '" + name + "', see " + HELP);
  }
}
