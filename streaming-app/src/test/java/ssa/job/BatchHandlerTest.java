package ssa.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import ssa.config.JobSettings;
import ssa.config.TestConfigs;
import ssa.parse.ParseStage;
import ssa.publish.Alerts;
import ssa.rollup.DerivedFigures;
import ssa.rollup.Grain;
import ssa.rollup.RollupDefinition;
import ssa.rollup.RollupKey;
import ssa.rollup.StoredRollup;
import ssa.store.BatchStats;

/** The whole batch path on a local Spark session, a static Dataset and an in-memory store. */
class BatchHandlerTest {
  private static final StructType LINES =
      new StructType()
          .add(ParseStage.LINE_COLUMN, DataTypes.StringType, false)
          .add(ParseStage.RECEIVED_COLUMN, DataTypes.TimestampType, false)
          .add(ParseStage.POSITION_COLUMN, DataTypes.LongType, false);
  private static final Instant NOW = Instant.parse("2026-12-01T10:00:30Z");

  private static SparkSession spark;
  private static JobSettings settings;

  @BeforeAll
  static void start() {
    settings =
        TestConfigs.settings(
            "ssa.job { rollup.allowed-lateness = 1 minute, rollup.future-skew = 10 minutes }");
    spark =
        new StreamingJob(settings)
            .configure(SparkSession.builder().master("local[2]"))
            .config("spark.ui.enabled", false)
            .getOrCreate();
    spark.sparkContext().setLocalProperty("sql.streaming.queryId", "query-1");
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  private static String event(String id, String api, int status, double latency, Instant at) {
    return "{\"id\":\""
        + id
        + "\",\"api\":\""
        + api
        + "\",\"status\":"
        + status
        + ",\"latency_ms\":"
        + latency
        + ",\"_timestamp\":"
        + at.toEpochMilli()
        + "}";
  }

  private static void run(InMemoryStore store, long batchId, String... lines) throws Exception {
    run(settings, store, batchId, lines);
  }

  private static void run(JobSettings settings, InMemoryStore store, long batchId, String... lines)
      throws Exception {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < lines.length; i++) {
      rows.add(RowFactory.create(lines[i], Timestamp.from(NOW), batchId * 100 + i));
    }
    StreamingJob job = new StreamingJob(settings, (s, spark) -> store);
    Dataset<Row> batch = job.batches(spark.createDataFrame(rows, LINES).repartition(2));
    try (Alerts alerts = Alerts.start(settings.alerts(), store)) {
      job.handler(spark, store, alerts, null).call(batch, batchId);
      // Delivered (to the log) off the batch thread; wait, so the test sees it done.
      Awaitility.await().atMost(Duration.ofSeconds(10)).until(store.undelivered::isEmpty);
    }
  }

  private static String event(
      String id, String api, int status, double latency, Instant at, String client) {
    String line = event(id, api, status, latency, at);
    return line.substring(0, line.length() - 1) + ",\"client\":\"" + client + "\"}";
  }

  private static StoredRollup rollup(InMemoryStore store, Grain grain, String key, Instant at) {
    return rollup(store, "per_api", grain, key, at);
  }

  private static StoredRollup rollup(
      InMemoryStore store, String rollup, Grain grain, String key, Instant at) {
    return store.rollups.get(RollupKey.of(rollup, grain, key, at));
  }

  private static RollupDefinition definition(String name) {
    return settings.rollups().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
  }

  @Test
  void should_keep_every_definition_with_averages_percentiles_and_distinct_counts()
      throws Exception {
    InMemoryStore store = new InMemoryStore();
    Instant t = Instant.parse("2026-12-01T10:00:00Z");
    run(
        store,
        0,
        event("a", "/x", 200, 10, t, "c1"),
        event("b", "/x", 503, 30, t.plusSeconds(1), "c2"),
        event("c", "/x", 200, 20, t.plusSeconds(2), "c1"));
    run(store, 1, event("d", "/x", 200, 40, t.plusSeconds(3), "c3"));
    StoredRollup hour = rollup(store, Grain.HOUR, "/x", t);
    DerivedFigures figures = DerivedFigures.of(definition("per_api"), hour.value());
    assertThat(hour.value().count()).isEqualTo(4);
    assertThat(figures.avg()).containsEntry("latency_ms", 25.0);
    assertThat(figures.distinct()).containsEntry("client", 3L);
    assertThat(figures.quantiles().get("latency_ms.p50")).isCloseTo(20.0, within(0.2));
    assertThat(figures.quantiles().get("latency_ms.p99")).isCloseTo(40.0, within(0.4));
    assertThat(rollup(store, "per_api_status", Grain.MINUTE, "/x|503", t).value().count())
        .isEqualTo(1);
    assertThat(rollup(store, "per_api_status", Grain.YEAR, "/x|200", t).value().count())
        .isEqualTo(3);
    store.close();
  }

  @Test
  void should_count_a_copy_read_from_kafka_once_and_keep_every_bad_line() throws Exception {
    JobSettings kafka =
        TestConfigs.settings(
            "ssa.job.source { format = kafka, kafka.topic = events,"
                + " kafka.dedupe-window = 10 minutes }");
    InMemoryStore store = new InMemoryStore();
    Instant t = Instant.parse("2026-12-01T10:00:00Z");
    String a = event("a", "/x", 503, 10, t);
    run(kafka, store, 0, a, event("b", "/x", 200, 20, t), a, "not json", "not json");
    StoredRollup x = rollup(store, Grain.MINUTE, "/x", t);
    assertThat(x.value().count()).isEqualTo(2);
    assertThat(x.value().errorCount()).isEqualTo(1);
    assertThat(store.deadLetters).hasSize(2);
  }

  @Test
  void should_refuse_an_error_condition_that_is_not_one_naming_the_setting() {
    for (String when : List.of("no_such_field > 1", "status + 1", "status >")) {
      JobSettings bad = TestConfigs.settings("ssa.job.stream.error-when = \"" + when + "\"");
      InMemoryStore store = new InMemoryStore();
      assertThatThrownBy(
              () -> new StreamingJob(bad, (s, session) -> store).handler(spark, store, null, null))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("ssa.job.stream.error-when")
          .hasMessageContaining(when);
    }
  }

  @Test
  void should_route_dead_letters_roll_up_on_time_events_and_leave_late_ones_out() throws Exception {
    InMemoryStore store = new InMemoryStore();
    Instant t = Instant.parse("2026-12-01T10:00:00Z");
    run(
        store,
        0,
        event("a", "/x", 200, 10, t),
        event("b", "/x", 503, 30, t.plusSeconds(5)),
        "not json",
        event("c", "/y", 200, 5, t.plusSeconds(20)));
    assertThat(store.deadLetters).hasSize(1);
    assertThat(store.deadLetters.values().iterator().next().reason()).contains("not valid JSON");
    assertThat(store.raw).hasSize(3);
    StoredRollup x = rollup(store, Grain.MINUTE, "/x", t);
    assertThat(x.value().count()).isEqualTo(2);
    assertThat(x.value().errorCount()).isEqualTo(1);
    assertThat(x.value().sum()).containsEntry("latency_ms", 40.0);
    assertThat(x.value().min()).containsEntry("latency_ms", 10.0);
    assertThat(rollup(store, Grain.YEAR, "/x", t).value().max()).containsEntry("latency_ms", 30.0);

    // Progress is now 10:00:20, so the watermark of the next batch is 09:59:20.
    run(
        store,
        1,
        event("d", "/x", 200, 7, t.minusSeconds(120)),
        event("e", "/x", 200, 1, t.plusSeconds(25)));
    BatchStats second = store.stats.get(1);
    assertThat(second.lateEvents()).isEqualTo(1);
    assertThat(store.raw).hasSize(5);
    assertThat(rollup(store, Grain.MINUTE, "/x", t).value().count()).isEqualTo(3);
    assertThat(rollup(store, Grain.MINUTE, "/x", t.minusSeconds(120))).isNull();
    store.close();
  }

  @Test
  void should_leave_the_tables_as_if_a_replayed_batch_had_run_once() throws Exception {
    InMemoryStore store = new InMemoryStore();
    Instant t = Instant.parse("2026-12-01T10:00:00Z");
    String[] first = {event("a", "/x", 200, 10, t, "c1"), event("b", "/x", 200, 20, t, "c2")};
    String[] second = {event("c", "/x", 200, 5, t.plusSeconds(1), "c3"), "{}"};
    run(store, 0, first);
    run(store, 1, second);
    StoredRollup once = rollup(store, Grain.DAY, "/x", t);
    run(store, 1, second);
    assertThat(rollup(store, Grain.DAY, "/x", t)).isEqualTo(once);
    assertThat(once.value().count()).isEqualTo(3);
    assertThat(store.stats.get(2).replayed()).isTrue();
    assertThat(store.stats.get(1).replayed()).isFalse();
    assertThat(store.deadLetters).hasSize(1);
    store.close();
  }

  @Test
  void should_not_let_one_far_future_event_make_later_events_late() throws Exception {
    InMemoryStore store = new InMemoryStore();
    Instant t = Instant.parse("2026-12-01T10:00:00Z");
    Instant farFuture = Instant.parse("2030-01-01T00:00:00Z");
    run(store, 0, event("f", "/x", 200, 1, farFuture), event("a", "/x", 200, 1, t));
    assertThat(store.stats.get(0).futureEvents()).isEqualTo(1);
    run(store, 1, event("b", "/x", 200, 1, t.plusSeconds(10)));
    assertThat(store.stats.get(1).lateEvents()).isZero();
    assertThat(rollup(store, Grain.MINUTE, "/x", t).value().count()).isEqualTo(2);
    assertThat(rollup(store, Grain.MINUTE, "/x", farFuture).value().count()).isEqualTo(1);
    // The far-future event did not move progress at all.
    assertThat(store.latestProgress().orElseThrow().maxEventTime()).isEqualTo(t.plusSeconds(10));
    store.close();
  }

  @Test
  void should_fire_each_alert_once_per_bucket_across_a_replay_and_judge_floors_once_closed()
      throws Exception {
    JobSettings alerting =
        TestConfigs.settings(
            "ssa.job { rollup.allowed-lateness = 1 minute, rollup.future-skew = 10 minutes,"
                + " alert.rules = ["
                + " { name = errs, rollup = per_api, grain = minute, when = \"error_rate > 0.5\","
                + " min-count = 2 },"
                + " { name = quiet, rollup = per_api, grain = minute, when = \"count < 1\" } ] }");
    InMemoryStore store = new InMemoryStore();
    Instant t = Instant.parse("2026-12-01T10:00:00Z");
    run(
        alerting,
        store,
        0,
        event("a", "/x", 503, 10, t),
        event("b", "/x", 200, 10, t.plusSeconds(1)),
        event("c", "/x", 503, 10, t.plusSeconds(2)),
        event("d", "/y", 200, 10, t.plusSeconds(5)));
    assertThat(store.alerts.keySet()).containsExactly("errs//x/" + t);
    assertThat(store.alerts.get("errs//x/" + t).value()).isCloseTo(2.0 / 3, within(1e-9));

    // /x still above the line, /z crosses it; then the same batch again: nothing fires twice.
    String[] batch1 = {
      event("e", "/x", 503, 10, t.plusSeconds(10)),
      event("h", "/z", 503, 10, t.plusSeconds(11)),
      event("i", "/z", 503, 10, t.plusSeconds(12))
    };
    run(alerting, store, 1, batch1);
    run(alerting, store, 1, batch1);
    assertThat(store.alerts.keySet()).containsExactlyInAnyOrder("errs//x/" + t, "errs//z/" + t);
    assertThat(store.alerts.get("errs//z/" + t).batch()).isEqualTo("query-1/1");

    // The watermark (newest event - 1 minute) passes 10:01: minute 10:00 closes, both keys busy.
    run(alerting, store, 2, event("f", "/x", 200, 10, t.plusSeconds(150)));
    assertThat(store.alerts).hasSize(2);
    // It passes 10:02: minute 10:01 had no event of either key.
    run(alerting, store, 3, event("g", "/x", 200, 10, t.plusSeconds(210)));
    assertThat(store.alerts.keySet())
        .containsExactlyInAnyOrder(
            "errs//x/" + t,
            "errs//z/" + t,
            "quiet//x/" + t.plusSeconds(60),
            "quiet//y/" + t.plusSeconds(60),
            "quiet//z/" + t.plusSeconds(60));
    assertThat(store.undelivered).isEmpty();
  }

  @Test
  void should_count_a_copy_of_a_kafka_event_once_but_every_bad_line() throws Exception {
    JobSettings kafka = TestConfigs.settings("ssa.job.source.format = kafka");
    InMemoryStore store = new InMemoryStore();
    Instant t = Instant.parse("2026-12-01T10:00:00Z");
    String a = event("a", "/x", 200, 10, t);
    String b = event("b", "/x", 503, 20, t.plusSeconds(1));
    run(kafka, store, 0, a, b, a, "{not json", "{not json", b);
    assertThat(store.raw).hasSize(2);
    assertThat(store.deadLetters).hasSize(2);
    assertThat(rollup(store, Grain.MINUTE, "/x", t).value().count()).isEqualTo(2);
    assertThat(rollup(store, Grain.MINUTE, "/x", t).value().errorCount()).isEqualTo(1);
    assertThat(store.stats.get(0).inputLines()).isEqualTo(4);
  }
}
