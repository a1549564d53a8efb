package ssa.config;

import java.time.Duration;
import java.util.Map;

/**
 * Where the job reads its lines from, and in what steps.
 *
 * @param kafkaDedupeWindow how long a Kafka line is remembered to drop copies; zero for never
 * @param kafkaConsumer consumer settings for Spark's Kafka source, keys without the kafka. prefix
 */
public record SourceSettings(
    String format,
    String host,
    int port,
    int partitions,
    long maxLinesPerBatch,
    String startingPosition,
    Duration retryFor,
    String kafkaBootstrapServers,
    String kafkaTopic,
    Duration kafkaDedupeWindow,
    Map<String, String> kafkaConsumer) {

  public SourceSettings {
    kafkaConsumer = Map.copyOf(kafkaConsumer);
  }
}
