package ssa.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import ssa.config.JobSettings;
import ssa.generator.EventFactory;
import ssa.generator.GeneratedEvent;
import ssa.generator.GeneratorSettings;
import ssa.launcher.RepoRoot;
import ssa.launcher.cassandra.LocalCassandraExtension;
import ssa.launcher.kafka.LocalKafka;
import ssa.launcher.kafka.LocalKafkaExtension;

/**
 * The Kafka path under crashes: events published while the job, in a JVM of its own, is killed with
 * SIGKILL three times mid-stream and the broker once, with one line in 50 published twice (as a
 * retrying client would). Every acknowledged event is rolled up exactly once: lost 0, duplicated 0.
 */
@ExtendWith({LocalCassandraExtension.class, LocalKafkaExtension.class})
class KafkaCrashIT {
  private static final long TOTAL = 24_000;
  private static final int RATE = 1_200;
  private static final Duration TIMEOUT = Duration.ofMinutes(6);

  @Test
  void should_lose_and_duplicate_nothing_across_job_and_broker_kills() throws Exception {
    GeneratorSettings generated =
        ItSupport.generatorSettings(
            ItSupport.messyStream("kcrash", TOTAL, RATE, 6, 1618, "2026-06-01T08:00:00Z", "2s"));
    EventFactory events =
        new EventFactory(generated, generated.startTime().orElseThrow().toEpochMilli());
    CompletableFuture<ExpectedRollups> expectation =
        CompletableFuture.supplyAsync(() -> ExpectedRollups.of(generated));
    String topic = KafkaTopics.create("it-kafka-crash", 2);
    JobSettings settings = KafkaTopics.jobSettings("it_kafka_crash", topic, 1500);
    Path work = Files.createTempDirectory("ssa-kafka-crash");
    Path checkpoint = work.resolve("checkpoint");
    Path config =
        JobProcess.writeConfig(work.resolve("job.conf"), settings, checkpoint.toUri().toString());
    LocalKafka kafka = LocalKafkaExtension.local();
    AtomicLong acknowledged = new AtomicLong();
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    int jobKills = 0;
    int selfExits = 0;
    boolean brokerKilled = false;
    try (CqlSession session = ItSupport.freshKeyspace(settings);
        JobProcess job =
            new JobProcess(
                JobProcess.command(RepoRoot.find(), config, work), work, work.resolve("job.log"))) {
      CompletableFuture<Void> publishing =
          CompletableFuture.runAsync(() -> publish(topic, events, acknowledged));
      job.start();
      long lastDisruption = 0;
      while (ItSupport.linesProcessed(session, settings.name()) < TOTAL) {
        if (System.nanoTime() > deadline) {
          throw job.failure(
              new AssertionError("not every line in after " + TIMEOUT), "kills " + jobKills);
        }
        long lines = ItSupport.linesProcessed(session, settings.name());
        if (!job.alive()) {
          selfExits++;
          job.start();
        } else if (lines - lastDisruption >= 3_000 && (jobKills < 3 || !brokerKilled)) {
          lastDisruption = lines;
          if (jobKills == 2 && !brokerKilled) {
            System.out.println("KAFKA-CRASH: SIGKILL the broker at " + lines + " lines");
            kafka.kill();
            Thread.sleep(2_000);
            kafka.start();
            brokerKilled = true;
          } else {
            System.out.println("KAFKA-CRASH: SIGKILL the job at " + lines + " lines");
            job.kill();
            jobKills++;
            job.start();
          }
        }
        Thread.sleep(500);
      }
      publishing.get();
      // batch_stats is written after a batch's rollups: every line counted there is rolled up.
      job.stop();

      ExpectedRollups expected = expectation.get();
      SparkSession spark = ItSupport.spark(settings);
      long raw = Tables.count(spark, settings, "events_raw");
      long deadLetters = Tables.count(spark, settings, "dead_letter");
      long yearCounts = RollupAssertions.eventsInYearRows(session);
      System.out.printf(
          "KAFKA-CRASH: jobKills=%d brokerKills=%d selfExits=%d acknowledged=%d valid=%d raw=%d"
              + " deadLetters=%d lost=%d duplicated=%d%n",
          jobKills,
          brokerKilled ? 1 : 0,
          selfExits,
          acknowledged.get(),
          expected.valid,
          raw,
          deadLetters,
          expected.valid - raw,
          yearCounts - raw);
      assertThat(acknowledged.get()).isEqualTo(TOTAL);
      assertThat(jobKills).isEqualTo(3);
      assertThat(brokerKilled).isTrue();
      assertThat(ItSupport.linesProcessed(session, settings.name())).isEqualTo(TOTAL);
      assertThat(raw).as("lost").isEqualTo(expected.valid);
      assertThat(yearCounts).as("duplicated").isEqualTo(raw);
      assertThat(deadLetters).isEqualTo(expected.malformed);
      RollupAssertions.assertRollupsMatch(session, expected);
    }
  }

  /**
   * The events at about RATE a second, each acknowledged by the broker before it counts, and some
   * again as a retrying client would send them. The idempotent producer retries through a broker
   * restart without writing anything twice; the copies are the job's to drop.
   */
  /** One line in COPY_EVERY is published again, COPY_LAG lines (about 0.4 s) after itself. */
  private static final int COPY_EVERY = 50;

  private static final int COPY_LAG = 500;

  private static void publish(String topic, EventFactory events, AtomicLong acknowledged) {
    try (KafkaProducer<String, String> producer =
        KafkaTopics.producer(
            Map.of(
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 180_000,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 180_000))) {
      long started = System.nanoTime();
      for (long n = 0; n < TOTAL; n++) {
        long due = started + n * 1_000_000_000L / RATE;
        long wait = due - System.nanoTime();
        if (wait > 0) {
          Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
        producer.send(
            new ProducerRecord<>(topic, events.event(n).line()),
            (metadata, error) -> {
              if (error == null) {
                acknowledged.incrementAndGet();
              }
            });
        GeneratedEvent copied = n >= COPY_LAG ? events.event(n - COPY_LAG) : null;
        if (n % COPY_EVERY == 7 && copied != null && !copied.malformed()) {
          // A client's retry of an event stored COPY_LAG lines ago: the job must count it once.
          // (A bad line sent twice is two dead letters, so the copies here are all events.)
          producer.send(new ProducerRecord<>(topic, copied.line()));
        }
      }
      producer.flush();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
