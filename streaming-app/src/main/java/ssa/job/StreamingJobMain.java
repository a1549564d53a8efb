package ssa.job;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.util.ShutdownHookManager;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ssa.config.JobSettings;
import ssa.settings.CommandLine;
import ssa.settings.SettingException;
import ssa.store.OutdatedSchemaException;
import ssa.store.Sessions;

/**
 * Entry point for spark-submit: {@code --class ssa.job.StreamingJobMain app.jar [--config FILE]
 * [options]}.
 */
public final class StreamingJobMain {
  private static final Logger LOG = LoggerFactory.getLogger(StreamingJobMain.class);

  private static final int EXIT_USAGE = 2;
  private static final int EXIT_NO_CASSANDRA = 3;

  public static void main(String[] args) throws Exception {
    JobSettings settings;
    try {
      CommandLine.Parsed parsed = JobCommandLine.OPTIONS.parse(args);
      if (parsed.help()) {
        System.out.print(JobCommandLine.OPTIONS.usage(JobCommandLine.USAGE_HEADER));
        return;
      }
      settings = JobSettings.load(parsed.settings(), parsed.configFile());
    } catch (SettingException e) {
      // Before Spark starts, so the reason is the last thing the user sees, not a stack trace.
      System.err.println("ssa job: " + e.getMessage());
      System.exit(EXIT_USAGE);
      return;
    }
    StreamingJob job = new StreamingJob(settings);
    SparkSession spark = SparkSessions.start(settings, "ssa-" + settings.name());
    StreamingQuery query;
    try {
      query = job.start(spark);
    } catch (AllNodesFailedException e) {
      System.err.println("ssa job: " + Sessions.whyNotConnected(e, settings.cassandra()));
      System.exit(EXIT_NO_CASSANDRA);
      return;
    } catch (OutdatedSchemaException e) {
      System.err.println("ssa job: " + e.getMessage());
      System.exit(1);
      return;
    }
    // Spark stops its context from a hook of this manager; ours must run before that one.
    ShutdownHookManager.get()
        .addShutdownHook(() -> stop(query), FileSystem.SHUTDOWN_HOOK_PRIORITY + 40);
    LOG.info(
        "ssa job '{}' reading {}:{}, checkpoint {}, writing keyspace {}",
        settings.name(),
        settings.source().host(),
        settings.source().port(),
        settings.checkpointLocation(),
        settings.cassandra().keyspace());
    query.awaitTermination();
  }

  private static void stop(StreamingQuery query) {
    try {
      StreamingJob.stop(query);
    } catch (Exception e) {
      LOG.warn("query did not stop cleanly", e);
    }
  }

  private StreamingJobMain() {}
}
