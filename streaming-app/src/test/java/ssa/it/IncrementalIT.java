package ssa.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import ssa.config.JobSettings;
import ssa.generator.Generator;
import ssa.generator.GeneratorSettings;
import ssa.incremental.IncrementalJob;
import ssa.incremental.IncrementalOptions;
import ssa.incremental.IncrementalReport;
import ssa.job.StreamingJob;
import ssa.parse.ParseStage;
import ssa.parse.ParsedColumns;
import ssa.rollup.Grain;
import ssa.sink.CassandraSink;
import ssa.sink.RawIndex;
import ssa.source.LineSource;

/** The incremental batch side against the real Cassandra node. */
class IncrementalIT {
  private static final StructType LINES =
      new StructType()
          .add(ParseStage.LINE_COLUMN, DataTypes.StringType, false)
          .add(ParseStage.RECEIVED_COLUMN, DataTypes.TimestampType, false)
          .add(ParseStage.POSITION_COLUMN, DataTypes.LongType, false);

  @Test
  void should_summarize_the_worked_example_reading_only_the_last_period_again() throws Exception {
    JobSettings settings = ItSupport.jobSettings("it_incr_example", 1);
    SparkSession spark = ItSupport.spark(settings);
    try (CqlSession session = ItSupport.freshKeyspace(settings)) {
      // The first two events, present when the run at 27 May 12:00 happens.
      writeEvents(spark, settings, session, List.of(
          event("e1", "2016-05-26T12:00:01Z", 120), event("e2", "2016-05-27T02:00:02Z", 80)));
      IncrementalReport first = run(spark, settings, "daily", "DAY");
      assertThat(dayCounts(session)).isEqualTo(Map.of("2016-05-26", 1L, "2016-05-27", 1L));
      assertThat(first.daysRead()).containsExactly(day("2016-05-26"), day("2016-05-27"));
      assertThat(first.committed().lastPeriodStart()).isEqualTo(Instant.parse("2016-05-27T00:00:00Z"));

      // The other three arrive; the next run reads 27 May only.
      writeEvents(spark, settings, session, List.of(
          event("e3", "2016-05-27T15:32:04Z", 200), event("e4", "2016-05-27T16:22:10Z", 510),
          event("e5", "2016-05-27T19:42:42Z", 30)));
      IncrementalReport second = run(spark, settings, "daily", "DAY");
      assertThat(dayCounts(session)).isEqualTo(Map.of("2016-05-26", 1L, "2016-05-27", 4L));
      assertThat(second.daysRead()).containsExactly(day("2016-05-27"));
      assertThat(second.earliestEvent()).isAfterOrEqualTo(Instant.parse("2016-05-27T00:00:00Z"));
      assertThat(second.rawRowsRead()).isEqualTo(4);
      assertThat(counts(session, Grain.MONTH)).containsEntry("2016-05-01T00:00:00Z", 5L);
      assertThat(counts(session, Grain.YEAR)).containsEntry("2016-01-01T00:00:00Z", 5L);
      assertThat(counts(session, Grain.HOUR)).hasSize(5);
      RollupAssertions.assertFinerGrainsAddUpToCoarser(session);

      // Twice in a row changes nothing.
      Map<String, List<Object>> before = rollupValues(session);
      IncrementalReport third = run(spark, settings, "daily", "DAY");
      assertThat(rollupValues(session)).isEqualTo(before);
      assertThat(third.committed().lastPeriodStart()).isEqualTo(second.committed().lastPeriodStart());
    }
  }

  @Test
  void should_commit_nothing_when_a_run_fails() throws Exception {
    JobSettings settings = ItSupport.jobSettings("it_incr_fail", 1);
    SparkSession spark = ItSupport.spark(settings);
    try (CqlSession session = ItSupport.freshKeyspace(settings)) {
      writeEvents(spark, settings, session, List.of(event("e1", "2016-05-26T12:00:01Z", 120)));
      run(spark, settings, "daily", "DAY");
      Row committed = session.execute("SELECT * FROM incremental_state WHERE id = 'daily'").one();

      writeEvents(spark, settings, session, List.of(event("e2", "2016-05-27T02:00:02Z", 80)));
      // The rollups can no longer be written: the run fails part-way, after reading.
      session.execute("ALTER TABLE rollups DROP prior_max");
      assertThatThrownBy(() -> run(spark, settings, "daily", "DAY")).isInstanceOf(Exception.class);
      Row after = session.execute("SELECT * FROM incremental_state WHERE id = 'daily'").one();
      assertThat(after.getInstant("committed_at")).isEqualTo(committed.getInstant("committed_at"));
      assertThat(after.getInstant("received_until")).isEqualTo(committed.getInstant("received_until"));
    }
  }

  @Test
  void should_put_late_events_into_every_grain_even_while_the_stream_runs() throws Exception {
    long total = 24_000;
    GeneratorSettings generated =
        ItSupport.generatorSettings(
            Map.of(
                "count", total, "rate", 2_000, "keys", 4, "seed", 11, "id", "it4",
                "start-time", "2026-03-31T23:59:30Z", "malformed.fraction", 0.01,
                "out-of-order.fraction", 0.2, "out-of-order.max-delay", "30s"));
    ExpectedRollups expected =
        ExpectedRollups.of(generated);
    try (Generator generator = ItSupport.startGenerator(generated)) {
      JobSettings settings =
          ItSupport.jobSettings("it_incr_late", generator.port(), "rollup.allowed-lateness = 2s");
      SparkSession spark = ItSupport.spark(settings);
      try (CqlSession session = ItSupport.freshKeyspace(settings)) {
        StreamingQuery query =
            new StreamingJob(settings).start(spark, LineSource.open(spark, settings.source()));
        try {
          ItSupport.awaitLines(query, session, settings.name(), total / 3);
          // A run beside the live stream: it must not count anything twice.
          IncrementalReport live = run(spark, settings, "hourly", "HOUR");
          assertThat(live.eventsSummarized()).isPositive();
          ItSupport.awaitLines(query, session, settings.name(), total);
          ItSupport.awaitQuiet(query, session, settings.name());
        } finally {
          query.stop();
        }
        assertThat(ItSupport.lateEvents(session, settings.name()))
            .as("events later than the streaming watermark").isPositive();

        IncrementalReport last = run(spark, settings, "hourly", "HOUR");
        assertThat(last.eventsSummarized()).isPositive();
        RollupAssertions.assertRollupsMatch(session, expected);
        RollupAssertions.assertFinerGrainsAddUpToCoarser(session);
      }
    }
  }

  @Test
  void should_give_the_same_rollups_as_the_stream_on_the_same_events() throws Exception {
    long total = 20_000;
    GeneratorSettings generated =
        ItSupport.generatorSettings(
            Map.of(
                "count", total, "rate", 4_000, "keys", 5, "seed", 5, "id", "it5",
                "start-time", "2024-12-31T23:59:00Z", "malformed.fraction", 0.01,
                "out-of-order.fraction", 0.05, "out-of-order.max-delay", "10s"));
    try (Generator generator = ItSupport.startGenerator(generated)) {
      JobSettings settings = ItSupport.jobSettings("it_incr_same", generator.port());
      SparkSession spark = ItSupport.spark(settings);
      try (CqlSession session = ItSupport.freshKeyspace(settings)) {
        ItSupport.runUntil(settings, session, total);
        assertThat(ItSupport.lateEvents(session, settings.name())).isZero();
        Map<String, List<Object>> streamed = rollupValues(session);
        session.execute("TRUNCATE rollups");
        run(spark, settings, "from-scratch", "MINUTE");
        Map<String, List<Object>> summarized = rollupValues(session);
        assertThat(summarized.keySet()).containsExactlyInAnyOrderElementsOf(streamed.keySet());
        streamed.forEach((bucket, values) -> {
          List<Object> batch = summarized.get(bucket);
          assertThat(batch.subList(0, 2)).as("count, errors of %s", bucket)
              .isEqualTo(values.subList(0, 2));
          assertThat((double) batch.get(2)).as("sum of %s", bucket)
              .isCloseTo((double) values.get(2), org.assertj.core.api.Assertions.within(1e-6));
          assertThat(batch.subList(3, 5)).as("min, max of %s", bucket)
              .isEqualTo(values.subList(3, 5));
        });
        assertThat(streamed.keySet().stream().map(b -> b.split(" ")[0]).distinct())
            .containsExactlyInAnyOrder("minute", "hour", "day", "month", "year");
      }
    }
  }

  private static IncrementalReport run(
      SparkSession spark, JobSettings settings, String id, String period) {
    return new IncrementalJob(settings)
        .run(spark, IncrementalOptions.parse(new String[] {"--id", id, "--period", period}));
  }

  private record Line(String json, Instant receivedAt) {}

  /** An API call on /checkout at the given time, received one second later. */
  private static Line event(String id, String time, double latency) {
    Instant at = Instant.parse(time);
    return new Line(
        "{\"id\":\"" + id + "\",\"api\":\"/checkout\",\"status\":" + (latency > 500 ? 503 : 200)
            + ",\"latency_ms\":" + latency + ",\"_timestamp\":" + at.toEpochMilli() + "}",
        at.plusSeconds(1));
  }

  /** Writes events the way the streaming job does: parsed, into events_raw and its index. */
  private static void writeEvents(
      SparkSession spark, JobSettings settings, CqlSession session, List<Line> lines) {
    List<org.apache.spark.sql.Row> rows = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      rows.add(RowFactory.create(
          lines.get(i).json(), Timestamp.from(lines.get(i).receivedAt()), (long) i));
    }
    Dataset<org.apache.spark.sql.Row> parsed =
        new ParseStage(settings.stream()).apply(spark.createDataFrame(rows, LINES));
    new CassandraSink(settings.cassandra().keyspace())
        .writeRaw(
            parsed.filter(parsed.col(ParsedColumns.ERROR).isNull()),
            new RawIndex(session, settings.cassandra().keyspace()));
  }

  private static LocalDate day(String text) {
    return LocalDate.parse(text);
  }

  private static Map<String, Long> dayCounts(CqlSession session) {
    Map<String, Long> days = new TreeMap<>();
    counts(session, Grain.DAY).forEach((bucket, count) -> days.put(bucket.substring(0, 10), count));
    return days;
  }

  private static Map<String, Long> counts(CqlSession session, Grain grain) {
    Map<String, Long> counts = new TreeMap<>();
    for (Row row : session.execute(
        "SELECT bucket, count FROM rollups WHERE grain = ? ALLOW FILTERING", grain.id())) {
      counts.put(row.getInstant("bucket").toString(), row.getLong("count"));
    }
    return counts;
  }

  /** Every bucket's figures: count, errors, sum, min and max of latency_ms. */
  private static Map<String, List<Object>> rollupValues(CqlSession session) {
    Map<String, List<Object>> values = new TreeMap<>();
    for (Row row : session.execute("SELECT * FROM rollups")) {
      values.put(
          row.getString("grain") + " " + row.getString("key") + " " + row.getInstant("bucket"),
          List.of(
              row.getLong("count"), row.getLong("error_count"),
              row.getMap("sum", String.class, Double.class).get("latency_ms"),
              row.getMap("min", String.class, Double.class).get("latency_ms"),
              row.getMap("max", String.class, Double.class).get("latency_ms")));
    }
    return values;
  }
}
