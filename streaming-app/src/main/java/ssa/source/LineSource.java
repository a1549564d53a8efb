package ssa.source;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import ssa.config.SourceSettings;
import ssa.parse.ParseStage;

/**
 * The stream of lines the job reads: one row per line, with the time it was received.
 *
 * <p>Spark's socket source is for testing: its offsets live in memory, so lines in flight when
 * the job stops are lost and a restarted job cannot replay them.
 */
public final class LineSource {
  public static Dataset<Row> open(SparkSession spark, SourceSettings settings) {
    return spark
        .readStream()
        .format(settings.format())
        .option("host", settings.host())
        .option("port", settings.port())
        .option("includeTimestamp", true)
        .load()
        .withColumnRenamed("value", ParseStage.LINE_COLUMN)
        .withColumnRenamed("timestamp", ParseStage.RECEIVED_COLUMN);
  }

  private LineSource() {}
}
