package ssa.it;

import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import ssa.launcher.kafka.LocalKafka;

/** Topics on the local broker, a fresh one per test. */
final class KafkaTopics {
  private KafkaTopics() {}

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
