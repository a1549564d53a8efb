package ssa.job;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import ssa.config.JobSettings;

/** The Spark settings every ssa job relies on. */
public final class SparkSessions {

  /** Sets what the jobs need; the master comes from spark-submit or the caller. */
  public static SparkSession.Builder configure(
      SparkSession.Builder builder, JobSettings settings, String appName) {
    builder
        .appName(appName)
        // Buckets and day partitions are UTC; Spark must not shift timestamps into a local zone.
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.shuffle.partitions", settings.shufflePartitions())
        // Dropping copies of Kafka events (EventCopies) keeps what it has seen in RocksDB: off the
        // heap, only changes checkpointed.
        .config(
            "spark.sql.streaming.stateStore.providerClass",
            "org.apache.spark.sql.execution.streaming.state.RocksDBStateStoreProvider")
        // Without data no batch is run just to drop expired state: it goes with the next one.
        .config("spark.sql.streaming.noDataMicroBatches.enabled", false)
        // Checkpoints on a local disk without Hadoop starting processes for each file.
        .config(LocalCheckpointFileManager.SPARK_KEY, LocalCheckpointFileManager.class.getName());
    settings.cassandra().connectorConf().forEach(builder::config);
    return builder;
  }

  /** The session of a main class: spark-submit's master, or this machine's cores without one. */
  public static SparkSession start(JobSettings settings, String appName) {
    SparkSession.Builder builder = configure(SparkSession.builder(), settings, appName);
    if (!new SparkConf().contains("spark.master")) {
      // Started without spark-submit (e.g. from an IDE).
      builder.master("local[2]");
    }
    return builder.getOrCreate();
  }

  private SparkSessions() {}
}
