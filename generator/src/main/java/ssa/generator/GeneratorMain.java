package ssa.generator;

import java.io.UncheckedIOException;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ssa.settings.CommandLine;

/**
 * Command-line entry point: serves events until Ctrl-C, or until {@code count} events were sent and
 * the clients pulling ranges of them are done. Exit codes: 0 done, 1 could not serve, 2 bad option
 * or setting.
 */
public final class GeneratorMain {
  private static final Logger LOG = LoggerFactory.getLogger(GeneratorMain.class);
  private static final int EXIT_FAILED = 1;
  private static final int EXIT_USAGE = 2;

  private GeneratorMain() {}

  public static void main(String[] args) {
    if (java.util.Arrays.asList(args).contains(CommandLine.HELP)) {
      System.out.print(GeneratorCommandLine.OPTIONS.usage(GeneratorCommandLine.USAGE_HEADER));
      return;
    }
    GeneratorSettings settings;
    try {
      settings = GeneratorSettings.load(args);
    } catch (IllegalArgumentException e) {
      System.err.println("generator: " + e.getMessage());
      System.err.println("Run with " + CommandLine.HELP + " to list the options.");
      System.exit(EXIT_USAGE);
      return;
    }

    Generator generator = new Generator(settings);
    try {
      generator.start();
    } catch (UncheckedIOException e) {
      System.err.println("generator: " + e.getMessage());
      System.exit(EXIT_FAILED);
      return;
    }
    RateReporter reporter = RateReporter.forConsole(generator, settings.reportInterval());
    AtomicBoolean shuttingDown = new AtomicBoolean();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  shuttingDown.set(true);
                  generator.close();
                  reporter.close();
                },
                "generator-shutdown"));
    reporter.start();

    // Returns once the run is complete, or when the generator stopped: Ctrl-C or failure.
    boolean completed = generator.awaitCompletion(ChronoUnit.FOREVER.getDuration());
    reporter.close();
    if (completed) {
      LOG.info("all {} events served and no client pulling any more: exiting", settings.count());
    }
    if (!completed && !shuttingDown.get()) {
      LOG.error("generator stopped unexpectedly after {} events", generator.sent());
      System.exit(EXIT_FAILED);
    }
    // The remaining threads are daemons: returning exits with 0.
  }
}
