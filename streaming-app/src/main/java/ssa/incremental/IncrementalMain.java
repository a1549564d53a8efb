package ssa.incremental;

import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ssa.config.JobSettings;
import ssa.job.SparkSessions;

/**
 * Entry point for spark-submit: {@code --class ssa.incremental.IncrementalMain app.jar --id NAME
 * --period DAY [--from TIME] [--to TIME] [--config FILE]}. Exits 0 after committing, 1 on failure
 * (having committed nothing), 2 on a bad command line.
 */
public final class IncrementalMain {
  private static final Logger LOG = LoggerFactory.getLogger(IncrementalMain.class);

  public static void main(String[] args) {
    IncrementalOptions options;
    JobSettings settings;
    try {
      options = IncrementalOptions.parse(args);
      settings = JobSettings.load(options.configFile());
    } catch (IllegalArgumentException | com.typesafe.config.ConfigException e) {
      System.err.println("ssa incremental: " + e.getMessage());
      System.exit(2);
      return;
    }
    SparkSession spark = SparkSessions.start(settings, "ssa-incremental-" + options.id());
    int status = 0;
    try {
      IncrementalReport report = new IncrementalJob(settings).run(spark, options);
      LOG.info(report.summary());
    } catch (RuntimeException e) {
      LOG.error("incremental run '{}' failed; nothing was committed", options.id(), e);
      status = 1;
    } finally {
      spark.stop();
    }
    System.exit(status);
  }

  private IncrementalMain() {}
}
