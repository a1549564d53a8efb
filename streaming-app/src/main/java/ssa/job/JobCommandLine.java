package ssa.job;

import java.io.File;
import java.util.List;
import java.util.Optional;
import ssa.config.JobSetting;
import ssa.settings.CommandLine;
import ssa.settings.CommandLine.Option;
import ssa.settings.SettingException;

/** The command line of the streaming job, and the {@code --config FILE} all entry points share. */
public final class JobCommandLine {
  static final CommandLine OPTIONS =
      new CommandLine(
          List.of(
              new Option("--name", JobSetting.NAME, "NAME", "the job's name in its tables"),
              new Option("--source-host", JobSetting.SOURCE_HOST, "HOST", "generator host"),
              new Option("--source-port", JobSetting.SOURCE_PORT, "PORT", "generator port"),
              new Option(
                  "--trigger-interval",
                  JobSetting.TRIGGER_INTERVAL,
                  "DURATION",
                  "how often a micro-batch starts, e.g. 1s"),
              new Option(
                  "--checkpoint-location",
                  JobSetting.CHECKPOINT_LOCATION,
                  "URI",
                  "file:// or hdfs:// directory of the checkpoint"),
              new Option("--cassandra-host", JobSetting.CASSANDRA_HOST, "HOST", "a Cassandra node"),
              new Option("--cassandra-port", JobSetting.CASSANDRA_PORT, "PORT", "its CQL port"),
              new Option("--keyspace", JobSetting.CASSANDRA_KEYSPACE, "NAME", "keyspace")));

  static final String USAGE_HEADER =
      "Usage: spark-submit --class ssa.job.StreamingJobMain ssa-streaming-app-all.jar [options]\n"
          + "Options override "
          + JobSetting.ROOT
          + ".* in every other layer:\n";

  /** The file after {@code --config}, if given; it must exist. */
  public static Optional<File> configFile(String[] args) {
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals(CommandLine.CONFIG)) {
        if (i + 1 == args.length) {
          throw new SettingException(CommandLine.CONFIG, "needs a file name");
        }
        File file = new File(args[i + 1]);
        if (!file.isFile()) {
          throw new SettingException(CommandLine.CONFIG, "no such file: " + file);
        }
        return Optional.of(file);
      }
    }
    return Optional.empty();
  }

  private JobCommandLine() {}
}
