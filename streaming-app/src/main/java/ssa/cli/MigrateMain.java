package ssa.cli;

import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import ssa.config.JobSettings;
import ssa.job.JobCommandLine;
import ssa.job.SparkSessions;

/**
 * {@code run.sh migrate}: spark-submit {@code --class ssa.cli.MigrateMain app.jar [--config FILE]
 * [--copies URI]}: the tables' copies go under URI (default file://$PWD/migration-copies; on a
 * cluster an hdfs:// directory). Stop the job first; exits 0 once the keyspace has the current
 * schema.
 */
public final class MigrateMain {
  public static void main(String[] args) {
    JobSettings settings = JobSettings.load(JobCommandLine.configFile(args));
    String copies =
        value(args, "--copies", Path.of("migration-copies").toAbsolutePath().toUri().toString());
    SparkSession spark = SparkSessions.start(settings, "ssa-migrate");
    int status = 0;
    try {
      Map<String, Long> rewritten = new Migration(settings, copies).run(spark);
      System.out.println(
          "keyspace "
              + settings.cassandra().keyspace()
              + " is up to date"
              + (rewritten.isEmpty() ? "; nothing to rewrite" : "; rows rewritten: " + rewritten));
    } catch (RuntimeException e) {
      System.err.println("ssa migrate: " + e.getMessage());
      status = 1;
    } finally {
      spark.stop();
    }
    System.exit(status);
  }

  private static String value(String[] args, String name, String otherwise) {
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals(name)) {
        return args[i + 1];
      }
    }
    return otherwise;
  }

  private MigrateMain() {}
}
