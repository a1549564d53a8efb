package ssa.it;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import ssa.config.JobSettings;
import ssa.launcher.kafka.LocalKafka;

/** Topics on the local broker, a fresh one per test. */
final class KafkaTopics {
  private KafkaTopics() {}

  /** Job settings reading the topic from the local broker, at most {@code maxLines} a batch. */
  static JobSettings jobSettings(String name, String topic, long maxLines) throws Exception {
    return jobSettings(name, topic, maxLines, "");
  }

  /** The same with more settings inside the ssa.job block. */
  static JobSettings jobSettings(String name, String topic, long maxLines, String jobHocon)
      throws Exception {
    return ItSupport.jobSettings(
        name,
        9999,
        "source { format = kafka, max-lines-per-batch = "
            + maxLines
            + ", kafka { bootstrap-servers = \""
            + LocalKafka.bootstrapServers()
            + "\", topic = "
            + topic
            + " } }\n"
            + jobHocon);
  }

  /**
   * A producer to the local broker that loses nothing and writes nothing twice: acknowledged by
   * every replica, idempotent; {@code more} adds or overrides producer settings.
   */
  static KafkaProducer<String, String> producer(Map<String, Object> more) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalKafka.bootstrapServers());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.putAll(more);
    return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
  }

  /** Every record key of a topic from its start, read until it has been quiet for 2 s. */
  static List<String> keys(String topic) {
    return records(topic, true);
  }

  /** Every record value of a topic from its start, in order within a partition. */
  static List<String> values(String topic) {
    return records(topic, false);
  }

  private static List<String> records(String topic, boolean keys) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalKafka.bootstrapServers());
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "it-" + System.nanoTime());
    List<String> read = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      long quietSince = System.nanoTime();
      while (System.nanoTime() - quietSince < 2_000_000_000L) {
        var records = consumer.poll(Duration.ofMillis(200));
        if (!records.isEmpty()) {
          records.forEach(r -> read.add(keys ? r.key() : r.value()));
          quietSince = System.nanoTime();
        }
      }
    }
    return read;
  }

  /** Creates a topic named after the test, with this many partitions; returns its name. */
  static String create(String prefix, int partitions) throws Exception {
    String topic = prefix + "-" + System.currentTimeMillis();
    Properties props = new Properties();
    props.put("bootstrap.servers", LocalKafka.bootstrapServers());
    try (Admin admin = Admin.create(props)) {
      admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
    }
    return topic;
  }
}
