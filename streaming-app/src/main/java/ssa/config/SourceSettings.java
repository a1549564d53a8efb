package ssa.config;

/** Where the job reads its lines from, and in what steps. */
public record SourceSettings(
    String format,
    String host,
    int port,
    int partitions,
    long maxLinesPerBatch,
    String startingPosition,
    java.time.Duration retryFor,
    String kafkaBootstrapServers,
    String kafkaTopic) {}
