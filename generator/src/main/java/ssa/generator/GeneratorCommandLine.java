package ssa.generator;

import java.util.List;
import ssa.settings.CommandLine;
import ssa.settings.CommandLine.Option;

/** The generator's command-line options, each setting one {@link GeneratorSetting}. */
final class GeneratorCommandLine {
  static final CommandLine OPTIONS =
      new CommandLine(
          List.of(
              new Option(
                  "--port", GeneratorSetting.PORT, "PORT", "TCP port to listen on, 0 = any free"),
              new Option(
                  "--bind", GeneratorSetting.BIND_ADDRESS, "ADDRESS", "address to listen on"),
              new Option("--rate", GeneratorSetting.RATE, "N", "events per second, 0 = unlimited"),
              new Option(
                  "--count",
                  GeneratorSetting.COUNT,
                  "N",
                  "events to serve, then exit once pulling clients are done; 0 = forever"),
              new Option(
                  "--linger",
                  GeneratorSetting.LINGER,
                  "DURATION",
                  "with --count, wait this long after the last range pulled before exiting"),
              new Option("--keys", GeneratorSetting.KEYS, "N", "number of distinct api keys"),
              new Option(
                  "--clients",
                  GeneratorSetting.CLIENTS,
                  "N",
                  "distinct clients per key (the events' client field)"),
              new Option("--seed", GeneratorSetting.SEED, "N", "seed of the event data"),
              new Option("--format", GeneratorSetting.FORMAT, "json|csv", "wire format"),
              new Option(
                  "--out-of-order",
                  GeneratorSetting.OUT_OF_ORDER_FRACTION,
                  "FRACTION",
                  "share of events with a delayed timestamp"),
              new Option(
                  "--max-delay",
                  GeneratorSetting.OUT_OF_ORDER_MAX_DELAY,
                  "DURATION",
                  "largest timestamp delay, e.g. 30s"),
              new Option(
                  "--malformed",
                  GeneratorSetting.MALFORMED_FRACTION,
                  "FRACTION",
                  "share of bad lines"),
              new Option(
                  "--start-time",
                  GeneratorSetting.START_TIME,
                  "ISO|now",
                  "event time of the first event, e.g. 2024-01-01T00:00:00Z"),
              new Option("--id", GeneratorSetting.ID, "GENERATOR_ID", "prefix of the event ids"),
              new Option(
                  "--report-interval",
                  GeneratorSetting.REPORT_INTERVAL,
                  "DURATION",
                  "how often to log the achieved rate"),
              new Option(
                  "--catch-up",
                  GeneratorSetting.CATCH_UP,
                  "DURATION",
                  "most schedule arrears to burst through when behind")));

  static final String USAGE_HEADER =
      "Usage: java -jar ssa-generator-all.jar [options]\n"
          + "Serves synthetic API-statistics events, one per line, to TCP clients.\n"
          + "Options override "
          + GeneratorSetting.ROOT
          + ".* in the environment, system properties and config files:\n";

  private GeneratorCommandLine() {}
}
