package ssa.source;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.xxhash64;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.DataStreamReader;
import ssa.config.SourceSettings;

/**
 * The stream of lines the job reads: one row per line ({@code value}) with the time it was received
 * ({@code timestamp}) and its {@code position}, from our replayable {@code ssa-tcp} source or
 * Spark's {@code socket} source. The position tells apart equal lines received at the same time:
 * the generator's sequence number, or for the socket source (which has none) a hash of the line.
 */
public final class LineSource {
  public static Dataset<Row> open(SparkSession spark, SourceSettings settings) {
    DataStreamReader reader =
        spark
            .readStream()
            .format(settings.format())
            .option(SsaTcpOptions.HOST, settings.host())
            .option(SsaTcpOptions.PORT, settings.port());
    if (settings.format().equals("socket")) {
      return reader
          .option("includeTimestamp", true)
          .load()
          .withColumn("position", xxhash64(col("value")));
    }
    return reader
        .option(SsaTcpOptions.PARTITIONS, settings.partitions())
        .option(SsaTcpOptions.MAX_LINES_PER_BATCH, settings.maxLinesPerBatch())
        .option(SsaTcpOptions.STARTING_POSITION, settings.startingPosition())
        .option(SsaTcpOptions.RETRY_FOR_MILLIS, settings.retryFor().toMillis())
        .load();
  }

  private LineSource() {}
}
