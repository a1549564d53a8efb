package ssa.incremental;

import java.io.File;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import ssa.job.JobCommandLine;
import ssa.rollup.Grain;

/**
 * The command line of an incremental run: {@code --id NAME --period MINUTE|HOUR|DAY|MONTH|YEAR
 * [--look-back N] [--from TIME] [--to TIME] [--config FILE]}. With --from or --to it is a backfill
 * of that range instead: it reads no state and commits none. --look-back re-reads that many periods
 * before the last processed one too (default 0), for events that arrive later than one period.
 */
public record IncrementalOptions(
    String id,
    Grain period,
    int lookBack,
    Optional<Instant> from,
    Optional<Instant> to,
    Optional<File> configFile) {

  public static final String USAGE =
      "--id NAME --period MINUTE|HOUR|DAY|MONTH|YEAR [--look-back N] [--from TIME] [--to TIME]"
          + " [--config FILE]"
          + " (TIME: 2016-05-27 or 2016-05-27T12:00:00Z, UTC)";

  public boolean backfill() {
    return from.isPresent() || to.isPresent();
  }

  public static IncrementalOptions parse(String[] args) {
    String id = value(args, "--id").orElseThrow(() -> usage("--id is required"));
    if (!id.matches("[A-Za-z0-9_.-]{1,100}")) {
      throw usage("--id must be letters, digits, '_', '.' or '-', was '" + id + "'");
    }
    String period = value(args, "--period").orElseThrow(() -> usage("--period is required"));
    Grain grain;
    try {
      grain = Grain.valueOf(period.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw usage(
          "--period must be one of " + Arrays.toString(Grain.values()) + ", was '" + period + "'");
    }
    int lookBack = value(args, "--look-back").map(IncrementalOptions::periods).orElse(0);
    Optional<Instant> from = value(args, "--from").map(t -> time("--from", t));
    Optional<Instant> to = value(args, "--to").map(t -> time("--to", t));
    if (from.isPresent() && to.isPresent() && !from.get().isBefore(to.get())) {
      throw usage("--from must be before --to");
    }
    for (int i = 0; i < args.length; i += 2) {
      if (!Arrays.asList("--id", "--period", "--look-back", "--from", "--to", "--config")
          .contains(args[i])) {
        throw usage("unknown option '" + args[i] + "'");
      }
    }
    return new IncrementalOptions(id, grain, lookBack, from, to, JobCommandLine.configFile(args));
  }

  private static int periods(String text) {
    if (!text.matches("\\d{1,5}")) {
      throw usage("--look-back must be a number of periods from 0 to 99999, was '" + text + "'");
    }
    return Integer.parseInt(text);
  }

  private static Optional<String> value(String[] args, String option) {
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals(option)) {
        if (i + 1 == args.length) {
          throw usage(option + " needs a value");
        }
        return Optional.of(args[i + 1]);
      }
    }
    return Optional.empty();
  }

  private static Instant time(String option, String text) {
    try {
      return text.length() == 10
          ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant()
          : Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw usage(
          option
              + " must be a UTC date or time such as 2016-05-27 or"
              + " 2016-05-27T12:00:00Z, was '"
              + text
              + "'");
    }
  }

  private static IllegalArgumentException usage(String problem) {
    return new IllegalArgumentException(problem + "\nusage: " + USAGE);
  }
}
