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
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import ssa.config.JobSettings;
import ssa.incremental.IncrementalJob;
import ssa.incremental.IncrementalOptions;
import ssa.incremental.IncrementalReport;
import ssa.job.StreamingJob;
import ssa.launcher.cassandra.LocalCassandraExtension;
import ssa.parse.ParseStage;
import ssa.rollup.Grain;
import ssa.store.RawEventLoader;

/** The incremental batch side against the real Cassandra node. */
@ExtendWith(LocalCassandraExtension.class)
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
      writeEvents(
          spark,
          settings,
          session,
          List.of(
              event("e1", "2016-05-26T12:00:01Z", 120), event("e2", "2016-05-27T02:00:02Z", 80)));
      IncrementalReport first = run(spark, settings, "daily", "DAY");
      assertThat(dayCounts(session)).isEqualTo(Map.of("2016-05-26", 1L, "2016-05-27", 1L));
      assertThat(first.daysRead()).containsExactly(day("2016-05-26"), day("2016-05-27"));
      assertThat(first.committed().lastPeriodStart())
          .isEqualTo(Instant.parse("2016-05-27T00:00:00Z"));

      // The other three arrive; the next run reads 27 May only.
      writeEvents(
          spark,
          settings,
          session,
          List.of(
              event("e3", "2016-05-27T15:32:04Z", 200),
              event("e4", "2016-05-27T16:22:10Z", 510),
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
      assertThat(third.committed().lastPeriodStart())
          .isEqualTo(second.committed().lastPeriodStart());
    }
  }

  @Test
  void should_make_a_running_stream_build_on_the_rows_an_incremental_run_rewrote()
      throws Exception {
    try (LineServer server = new LineServer()) {
      JobSettings settings =
          ItSupport.jobSettings(
              "it_incr_beside_stream",
              server.port(),
              "source.format = socket, rollup.allowed-lateness = 0s");
      SparkSession spark = ItSupport.spark(settings);
      Instant minute = Instant.parse("2026-05-05T10:00:00Z");
      try (CqlSession session = ItSupport.freshKeyspace(settings)) {
        StreamingQuery query = ItSupport.startQuery(settings);
        try {
          server.send(BadInputIT.event("a", "/x", minute.plusSeconds(30)));
          ItSupport.awaitLines(query, session, settings.name(), 1);
          // Late (older than the newest event seen): stored, not rolled up by the stream.
          server.send(BadInputIT.event("late", "/x", minute.plusSeconds(10)));
          ItSupport.awaitLines(query, session, settings.name(), 2);
          assertThat(counts(session, Grain.MINUTE)).containsEntry(minute.toString(), 1L);
          // The run rebuilds the minute with the late event, under the job's cached row.
          run(spark, settings, "beside", "MINUTE");
          assertThat(counts(session, Grain.MINUTE)).containsEntry(minute.toString(), 2L);
          server.send(BadInputIT.event("b", "/x", minute.plusSeconds(40)));
          ItSupport.awaitLines(query, session, settings.name(), 3);
        } finally {
          StreamingJob.stop(query);
        }
        assertThat(ItSupport.lateEvents(session, settings.name())).isEqualTo(1);
        assertThat(counts(session, Grain.MINUTE)).containsEntry(minute.toString(), 3L);
        assertThat(counts(session, Grain.YEAR)).containsEntry("2026-01-01T00:00:00Z", 3L);
      }
    }
  }

  @Test
  void should_read_a_day_again_only_from_the_hour_of_its_oldest_new_event() throws Exception {
    JobSettings settings = ItSupport.jobSettings("it_incr_hourly", 1);
    SparkSession spark = ItSupport.spark(settings);
    try (CqlSession session = ItSupport.freshKeyspace(settings)) {
      writeEvents(
          spark,
          settings,
          session,
          List.of(
              event("e1", "2016-05-27T05:10:00Z", 10),
              event("e2", "2016-05-27T09:20:00Z", 20),
              event("e3", "2016-05-27T11:30:00Z", 30)));
      IncrementalReport first = run(spark, settings, "hourly", "HOUR");
      assertThat(first.committed().lastPeriodStart())
          .isEqualTo(Instant.parse("2016-05-27T11:00:00Z"));

      // Two new events, and one late event for 10:05 that arrives with them at 13:41.
      writeEvents(
          spark,
          settings,
          session,
          List.of(
              event("e4", "2016-05-27T12:15:00Z", 40),
              event("e5", "2016-05-27T13:40:00Z", 50),
              event("e6", "2016-05-27T10:05:00Z", 60, "2016-05-27T13:41:00Z")));
      IncrementalReport second = run(spark, settings, "hourly", "HOUR");
      assertThat(second.daysRead()).containsExactly(day("2016-05-27"));
      assertThat(second.earliestEvent()).isEqualTo(Instant.parse("2016-05-27T10:05:00Z"));
      assertThat(second.rawRowsRead()).as("events from 10:00 on: e6, e3, e4, e5").isEqualTo(4);
      assertThat(counts(session, Grain.HOUR))
          .containsOnly(
              Map.entry("2016-05-27T05:00:00Z", 1L), Map.entry("2016-05-27T09:00:00Z", 1L),
              Map.entry("2016-05-27T10:00:00Z", 1L), Map.entry("2016-05-27T11:00:00Z", 1L),
              Map.entry("2016-05-27T12:00:00Z", 1L), Map.entry("2016-05-27T13:00:00Z", 1L));
      assertThat(dayCounts(session)).isEqualTo(Map.of("2016-05-27", 6L));
      assertThat(second.committed().lastPeriodStart())
          .isEqualTo(Instant.parse("2016-05-27T13:00:00Z"));
      RollupAssertions.assertFinerGrainsAddUpToCoarser(session);
    }
  }

  @Test
  void should_commit_nothing_when_a_run_fails() throws Exception {
    JobSettings settings = ItSupport.jobSettings("it_incr_fail", 1);
    SparkSession spark = ItSupport.spark(settings);
    try (CqlSession session = ItSupport.freshKeyspace(settings)) {
      writeEvents(spark, settings, session, List.of(event("e1", "2016-05-26T12:00:01Z", 120)));
      run(spark, settings, "daily", "DAY");
      Row committed = committedState(session, "daily");

      writeEvents(spark, settings, session, List.of(event("e2", "2016-05-27T02:00:02Z", 80)));
      // The rollups can no longer be written: the run fails part-way, after reading.
      session.execute("ALTER TABLE rollups DROP prior_max");
      assertThatThrownBy(() -> run(spark, settings, "daily", "DAY")).isInstanceOf(Exception.class);
      Row after = committedState(session, "daily");
      assertThat(after.getInstant("committed_at")).isEqualTo(committed.getInstant("committed_at"));
      assertThat(after.getInstant("received_until"))
          .isEqualTo(committed.getInstant("received_until"));
    }
  }

  @Test
  void should_put_late_events_into_every_grain_even_while_the_stream_runs() throws Exception {
    long total = 24_000;
    try (GeneratedStream stream =
        GeneratedStream.start(
            "it_incr_late",
            Map.of(
                "count",
                total,
                "rate",
                2_000,
                "keys",
                4,
                "seed",
                11,
                "id",
                "it4",
                "start-time",
                "2026-03-31T23:59:30Z",
                "malformed.fraction",
                0.01,
                "out-of-order.fraction",
                0.2,
                "out-of-order.max-delay",
                "30s"),
            "rollup.allowed-lateness = 2s")) {
      JobSettings settings = stream.settings;
      CqlSession session = stream.session;
      SparkSession spark = stream.spark();
      StreamingQuery query = stream.startQuery();
      try {
        ItSupport.awaitLines(query, session, settings.name(), total / 3);
        // A run beside the live stream: it must not count anything twice.
        IncrementalReport live = run(spark, settings, "hourly", "HOUR");
        assertThat(live.eventsSummarized()).isPositive();
        ItSupport.awaitLines(query, session, settings.name(), total);
        ItSupport.awaitQuiet(query, session, settings.name());
      } finally {
        StreamingJob.stop(query);
      }
      assertThat(stream.lateEvents()).as("events later than the streaming watermark").isPositive();

      IncrementalReport last = run(spark, settings, "hourly", "HOUR");
      assertThat(last.eventsSummarized()).isPositive();
      RollupAssertions.assertRollupsMatch(session, stream.expected());
      RollupAssertions.assertFinerGrainsAddUpToCoarser(session);
    }
  }

  @Test
  void should_give_the_same_rollups_as_the_stream_on_the_same_events() throws Exception {
    long total = 20_000;
    try (GeneratedStream stream =
        GeneratedStream.start(
            "it_incr_same",
            ItSupport.messyStream("it5", total, 4_000, 5, 5, "2024-12-31T23:59:00Z", "10s"),
            "")) {
      CqlSession session = stream.session;
      stream.runUntil(total);
      assertThat(stream.lateEvents()).isZero();
      Map<String, List<Object>> streamed = rollupValues(session);
      session.execute("TRUNCATE rollups");
      run(stream.spark(), stream.settings, "from-scratch", "MINUTE");
      Map<String, List<Object>> summarized = rollupValues(session);
      assertThat(summarized.keySet()).containsExactlyInAnyOrderElementsOf(streamed.keySet());
      streamed.forEach(
          (bucket, values) -> assertSameFigures(bucket, summarized.get(bucket), values));
      assertThat(streamed.keySet().stream().map(b -> b.split(" ")[1]).distinct())
          .containsExactlyInAnyOrder("minute", "hour", "day", "month", "year");
    }
  }

  @Test
  void should_backfill_a_range_without_reading_or_moving_the_committed_state() throws Exception {
    JobSettings settings = ItSupport.jobSettings("it_incr_backfill", 1);
    SparkSession spark = ItSupport.spark(settings);
    try (CqlSession session = ItSupport.freshKeyspace(settings)) {
      writeEvents(
          spark,
          settings,
          session,
          List.of(
              event("e1", "2016-05-25T08:00:00Z", 10), event("e2", "2016-05-26T09:30:00Z", 20),
              event("e3", "2016-05-26T23:59:59Z", 600), event("e4", "2016-05-27T00:00:00Z", 40)));
      run(spark, settings, "daily", "DAY");
      Map<String, List<Object>> complete = rollupValues(session);
      Row committed = committedState(session, "daily");

      // History lost (say, rollups dropped by mistake): rebuild 26 May only, at every grain.
      session.execute("TRUNCATE rollups");
      IncrementalReport backfill =
          run(spark, settings, "daily", "DAY", "--from", "2016-05-26", "--to", "2016-05-27");
      assertThat(backfill.daysRead()).containsExactly(day("2016-05-26"));
      assertThat(backfill.rawRowsRead()).isEqualTo(2);
      assertThat(backfill.committed()).isNull();
      assertThat(dayCounts(session)).isEqualTo(Map.of("2016-05-26", 2L));
      assertThat(counts(session, Grain.MINUTE))
          .containsOnlyKeys("2016-05-26T09:30:00Z", "2016-05-26T23:59:00Z");
      Map<String, List<Object>> rebuilt = rollupValues(session);
      rebuilt.keySet().stream()
          .filter(bucket -> List.of("day", "hour", "minute").contains(bucket.split(" ")[1]))
          .forEach(bucket -> assertSameFigures(bucket, rebuilt.get(bucket), complete.get(bucket)));
      // Month and year are summed from the day rows there are: 26 May's.
      assertThat(counts(session, Grain.MONTH)).isEqualTo(Map.of("2016-05-01T00:00:00Z", 2L));
      RollupAssertions.assertFinerGrainsAddUpToCoarser(session);
      Row after = committedState(session, "daily");
      assertThat(after.getInstant("committed_at")).isEqualTo(committed.getInstant("committed_at"));
      assertThat(after.getInstant("last_period_start"))
          .isEqualTo(committed.getInstant("last_period_start"));

      // The scheduled runs go on from where they were: 27 May only, as committed.
      IncrementalReport next = run(spark, settings, "daily", "DAY");
      assertThat(next.daysRead()).containsExactly(day("2016-05-27"));
      assertThat(dayCounts(session)).isEqualTo(Map.of("2016-05-26", 2L, "2016-05-27", 1L));
      assertThat(counts(session, Grain.YEAR)).isEqualTo(Map.of("2016-01-01T00:00:00Z", 3L));
    }
  }

  /**
   * The same figures: sums and averages up to rounding (events added in another order), and the
   * sketch-derived percentiles and distinct counts exactly, whatever batches built them.
   */
  private static void assertSameFigures(String bucket, List<Object> actual, List<Object> expected) {
    assertThat(actual).as("%s present", bucket).isNotNull();
    assertThat(actual.subList(0, 2))
        .as("count, errors of %s", bucket)
        .isEqualTo(expected.subList(0, 2));
    for (int rounded : new int[] {2, 5}) {
      if (expected.get(rounded) == null) {
        assertThat(actual.get(rounded)).as("figure %d of %s", rounded, bucket).isNull();
      } else {
        assertThat((double) actual.get(rounded))
            .as("sum or avg of %s", bucket)
            .isCloseTo(
                (double) expected.get(rounded), org.assertj.core.api.Assertions.within(1e-6));
      }
    }
    assertThat(actual.subList(3, 5)).as("min, max of %s", bucket).isEqualTo(expected.subList(3, 5));
    assertThat(actual.subList(6, 8))
        .as("percentiles, distinct clients of %s", bucket)
        .isEqualTo(expected.subList(6, 8));
  }

  private static IncrementalReport run(
      SparkSession spark, JobSettings settings, String id, String period, String... more) {
    List<String> args = new ArrayList<>(List.of("--id", id, "--period", period));
    args.addAll(List.of(more));
    return new IncrementalJob(settings)
        .run(spark, IncrementalOptions.parse(args.toArray(String[]::new)));
  }

  private record Line(String json, Instant receivedAt) {}

  /** An API call on /checkout at the given time, received one second later. */
  private static Line event(String id, String time, double latency) {
    return event(id, time, latency, Instant.parse(time).plusSeconds(1).toString());
  }

  /** An API call on /checkout at the given time, received at {@code received}. */
  private static Line event(String id, String time, double latency, String received) {
    Instant at = Instant.parse(time);
    return new Line(
        "{\"id\":\""
            + id
            + "\",\"api\":\"/checkout\",\"status\":"
            + (latency > 500 ? 503 : 200)
            + ",\"latency_ms\":"
            + latency
            + ",\"_timestamp\":"
            + at.toEpochMilli()
            + "}",
        Instant.parse(received));
  }

  /** Writes events the way the streaming job does: parsed, into events_raw and its index. */
  private static void writeEvents(
      SparkSession spark, JobSettings settings, CqlSession session, List<Line> lines) {
    List<org.apache.spark.sql.Row> rows = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      rows.add(
          RowFactory.create(
              lines.get(i).json(), Timestamp.from(lines.get(i).receivedAt()), (long) i));
    }
    RawEventLoader.load(
        spark.createDataFrame(rows, LINES),
        ssa.job.StreamingJob.parseStage(settings),
        settings,
        session);
  }

  private static Row committedState(CqlSession session, String id) {
    return session.execute("SELECT * FROM incremental_state WHERE id = ?", id).one();
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
    for (Row row :
        session.execute(
            "SELECT bucket, count FROM rollups WHERE rollup = 'per_api' AND grain = ?"
                + " ALLOW FILTERING",
            grain.id())) {
      counts.put(row.getInstant("bucket").toString(), row.getLong("count"));
    }
    return counts;
  }

  /**
   * Every bucket's figures as people read them: count, errors, sum, min, max and avg of latency_ms,
   * its percentiles and the distinct clients (sketch-derived numbers included).
   */
  private static Map<String, List<Object>> rollupValues(CqlSession session) {
    Map<String, List<Object>> values = new TreeMap<>();
    for (Row row : session.execute("SELECT * FROM rollups")) {
      values.put(
          row.getString("rollup")
              + " "
              + row.getString("grain")
              + " "
              + row.getString("key")
              + " "
              + row.getInstant("bucket"),
          java.util.Arrays.asList(
              row.getLong("count"),
              row.getLong("error_count"),
              row.getMap("sum", String.class, Double.class).get("latency_ms"),
              row.getMap("min", String.class, Double.class).get("latency_ms"),
              row.getMap("max", String.class, Double.class).get("latency_ms"),
              row.getMap("avg", String.class, Double.class).get("latency_ms"),
              new TreeMap<>(row.getMap("quantiles", String.class, Double.class)),
              row.getMap("distinct", String.class, Long.class).get("client")));
    }
    return values;
  }
}
