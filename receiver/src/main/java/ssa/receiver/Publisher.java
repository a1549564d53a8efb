package ssa.receiver;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Publishes lines to the topic with the producer's strongest guarantees: every replica in sync
 * acknowledges (acks=all), and a retried send is not written twice (idempotence). A call returns
 * only once the broker has stored every line it was given.
 */
final class Publisher implements AutoCloseable {
  /** The broker did not store every line in time: nothing of the call counts as received. */
  static final class NotStored extends Exception {
    NotStored(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private final KafkaProducer<byte[], byte[]> producer;
  private final String topic;
  private final Duration ackTimeout;

  Publisher(ReceiverSettings settings) {
    this.topic = settings.topic();
    this.ackTimeout = settings.ackTimeout();
    int timeout = (int) Math.min(Integer.MAX_VALUE, settings.ackTimeout().toMillis());
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    // A send blocked on a full buffer or missing metadata, or waiting for its acknowledgement,
    // gives up within the ack timeout, so a client hears 503 instead of hanging.
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout);
    props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, timeout);
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeout + 5);
    props.put(ProducerConfig.CLIENT_ID_CONFIG, "ssa-receiver");
    this.producer =
        new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
  }

  void publish(List<byte[]> lines) throws NotStored {
    long deadline = System.nanoTime() + ackTimeout.toNanos();
    List<Future<RecordMetadata>> acks = new ArrayList<>(lines.size());
    try {
      for (byte[] line : lines) {
        acks.add(producer.send(new ProducerRecord<>(topic, line)));
      }
      for (Future<RecordMetadata> ack : acks) {
        ack.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      }
    } catch (KafkaException | ExecutionException | TimeoutException e) {
      throw new NotStored("the broker did not store every line: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new NotStored("interrupted", e);
    }
  }

  @Override
  public void close() {
    producer.close(ackTimeout);
  }
}
