package ssa.publish;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import ssa.rollup.Alert;

/** Publishes each firing to a topic, keyed by its id, once every in-sync replica has it. */
final class KafkaSink implements AlertSink {
  private final KafkaProducer<String, String> producer;
  private final String topic;
  private final Duration timeout;

  KafkaSink(String bootstrapServers, String topic, Duration timeout) {
    this.topic = topic;
    this.timeout = timeout;
    this.producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                true,
                ProducerConfig.MAX_BLOCK_MS_CONFIG,
                timeout.toMillis(),
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
                (int) timeout.toMillis(),
                // The producer requires at least request timeout + linger.
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                (int) timeout.toMillis() + 1_000),
            new StringSerializer(),
            new StringSerializer());
  }

  @Override
  public void send(Alert alert, String json) throws Exception {
    producer
        .send(new ProducerRecord<>(topic, alert.id(), json))
        .get(timeout.toMillis() + 1_000, TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(5));
  }
}
