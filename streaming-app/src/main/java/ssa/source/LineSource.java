package ssa.source;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.shiftleft;
import static org.apache.spark.sql.functions.xxhash64;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.DataStreamReader;
import ssa.config.SourceSettings;

/**
 * The stream of lines the job reads: one row per line ({@code value}) with the time it was received
 * ({@code timestamp}) and its {@code position}, from our replayable {@code ssa-tcp} source, a Kafka
 * topic, or Spark's {@code socket} source. The position tells apart equal lines received at the
 * same time: the generator's sequence number; a Kafka record's partition and offset, packed into
 * one long; for the socket source (which has none) a hash of the line.
 */
public final class LineSource {
  /** Offsets take the low 48 bits of a Kafka position, the partition the bits above. */
  static final int KAFKA_OFFSET_BITS = 48;

  public static Dataset<Row> open(SparkSession spark, SourceSettings settings) {
    if (settings.format().equals("kafka")) {
      return kafka(spark, settings);
    }
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

  /**
   * Spark's own Kafka source. A record's timestamp is stored with it, so a replayed batch stamps
   * its lines as the first run did.
   */
  private static Dataset<Row> kafka(SparkSession spark, SourceSettings settings) {
    DataStreamReader reader = spark.readStream().format("kafka");
    settings.kafkaConsumer().forEach((key, value) -> reader.option("kafka." + key, value));
    return reader
        .option("kafka.bootstrap.servers", settings.kafkaBootstrapServers())
        .option("subscribe", settings.kafkaTopic())
        .option("startingOffsets", settings.startingPosition())
        .option("maxOffsetsPerTrigger", settings.maxLinesPerBatch())
        .option("failOnDataLoss", true)
        .load()
        .select(
            col("value").cast("string").as("value"),
            col("timestamp"),
            shiftleft(col("partition").cast("long"), KAFKA_OFFSET_BITS)
                .bitwiseOR(col("offset"))
                .as("position"));
  }

  private LineSource() {}
}
