package ssa.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import ssa.config.JobSettings;
import ssa.generator.EventFactory;
import ssa.generator.GeneratorSettings;
import ssa.job.StreamingJob;
import ssa.launcher.cassandra.LocalCassandraExtension;
import ssa.launcher.kafka.LocalKafkaExtension;

/**
 * The job on a Kafka topic of the local broker (`source.format = kafka`): the generator's events,
 * published with the producer's strongest acknowledgement, are rolled up exactly, across a stop and
 * a restart of the query on its checkpoint, lines published twice (a retrying client) counting
 * once; an alert rule fires once per bucket and publishes each firing to a topic.
 */
@ExtendWith({LocalCassandraExtension.class, LocalKafkaExtension.class})
class KafkaSourceIT {
  private static final int PARTITIONS = 2;

  @Test
  void should_roll_up_a_topic_exactly_once_across_a_restart() throws Exception {
    long total = 10_000;
    GeneratorSettings generated =
        ItSupport.generatorSettings(
            ItSupport.messyStream("kafka", total, 5_000, 6, 31, "2026-04-01T08:00:00Z", "2s"));
    String topic = KafkaTopics.create("it-kafka", PARTITIONS);
    String alertTopic = KafkaTopics.create("it-kafka-alerts", 1);
    JobSettings settings =
        KafkaTopics.jobSettings(
            "it_kafka",
            topic,
            2000,
            AlertChecks.errorsRule("log = false, kafka-topic = " + alertTopic));
    ExpectedRollups expected = ExpectedRollups.of(generated);
    EventFactory events =
        new EventFactory(generated, generated.startTime().orElseThrow().toEpochMilli());
    try (CqlSession session = ItSupport.freshKeyspace(settings);
        KafkaProducer<String, String> producer =
            KafkaTopics.producer(Map.of(ProducerConfig.LINGER_MS_CONFIG, 5))) {
      SparkSession spark = ItSupport.spark(settings);
      publish(producer, topic, events, 0, total / 2);
      StreamingQuery query = ItSupport.startQuery(settings);
      try {
        ItSupport.awaitLines(query, session, settings.name(), total / 2);
      } finally {
        StreamingJob.stop(query);
      }
      // The rest arrives while the job is down, with copies of lines the first run read (as a
      // client's retries); the restarted query reads on from its checkpoint and drops the copies.
      publishCopies(producer, topic, events, total / 2 - 200, total / 2 - 100);
      publish(producer, topic, events, total / 2, total);
      query = ItSupport.startQuery(settings);
      try {
        ItSupport.awaitLines(query, session, settings.name(), total);
        ItSupport.awaitQuiet(query, session, settings.name());
      } finally {
        StreamingJob.stop(query);
      }
      assertThat(ItSupport.linesProcessed(session, settings.name())).isEqualTo(total);
      assertThat(Tables.count(spark, settings, "events_raw")).isEqualTo(expected.valid);
      assertThat(Tables.count(spark, settings, "dead_letter")).isEqualTo(expected.malformed);
      RollupAssertions.assertRollupsMatch(session, expected);
      AlertChecks.assertFiredOnce(session, () -> KafkaTopics.keys(alertTopic));
    }
  }

  /** The events (not the bad lines, which are dead letters again) of [from, until), again. */
  private static void publishCopies(
      KafkaProducer<String, String> producer,
      String topic,
      EventFactory events,
      long from,
      long until) {
    for (long n = from; n < until; n++) {
      if (!events.event(n).malformed()) {
        producer.send(new ProducerRecord<>(topic, events.event(n).line()));
      }
    }
    producer.flush();
  }

  private static void publish(
      KafkaProducer<String, String> producer,
      String topic,
      EventFactory events,
      long from,
      long until)
      throws Exception {
    for (long n = from; n < until; n++) {
      producer.send(new ProducerRecord<>(topic, events.event(n).line()));
    }
    producer.flush();
    System.out.printf("published events %d..%d to %s at %s%n", from, until, topic, Instant.now());
  }
}
