package ssa.it;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import ssa.config.JobSettings;
import ssa.launcher.kafka.LocalKafka;

/** Topics on the local broker, a fresh one per test. */
final class KafkaTopics {
  private KafkaTopics() {}

  /** Job settings reading the topic from the local broker, at most {@code maxLines} a batch. */
  static JobSettings jobSettings(String name, String topic, long maxLines) throws Exception {
    return ItSupport.jobSettings(
        name,
        9999,
        "source { format = kafka, max-lines-per-batch = "
            + maxLines
            + ", kafka { bootstrap-servers = \""
            + LocalKafka.bootstrapServers()
            + "\", topic = "
            + topic
            + " } }");
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
