package ssa.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import ssa.config.JobSettings;
import ssa.job.StreamingJob;
import ssa.launcher.cassandra.LocalCassandraExtension;
import ssa.rollup.Grain;

/** Generator to job to a real Cassandra node, checked against the generator's own events. */
@ExtendWith(LocalCassandraExtension.class)
class StreamingPipelineIT {
  private static final String START = "2024-02-29T23:59:58.500Z";

  @Test
  void should_roll_up_every_valid_event_once_and_dead_letter_every_malformed_line()
      throws Exception {
    long total = 60_000;
    try (GeneratedStream stream =
        GeneratedStream.start(
            "it_pipeline",
            ItSupport.messyStream("it1", total, 20_000, 7, 4242, START, "20s"),
            "")) {
      JobSettings settings = stream.settings;
      CqlSession session = stream.session;
      ExpectedRollups expected = stream.expected();
      stream.runUntil(total);
      SparkSession spark = stream.spark();
      assertThat(stream.linesProcessed()).isEqualTo(total);

      RollupAssertions.assertRollupsMatch(session, expected);
      RollupAssertions.assertFinerGrainsAddUpToCoarser(session);
      assertThat(Tables.count(spark, settings, "events_raw")).isEqualTo(expected.valid);
      assertThat(Tables.count(spark, settings, "dead_letter")).isEqualTo(expected.malformed);
      assertThat(expected.malformed).isGreaterThan(300);
      Row stats =
          session
              .execute(
                  "SELECT sum(valid_events), sum(dead_letters), sum(late_events) FROM batch_stats"
                      + " WHERE job = ?",
                  settings.name())
              .one();
      assertThat(stats.getLong(0)).isEqualTo(expected.valid);
      assertThat(stats.getLong(1)).isEqualTo(expected.malformed);
      assertThat(stats.getLong(2)).isZero();
      for (Row dead : session.execute("SELECT line, reason FROM dead_letter")) {
        assertThat(dead.getString("reason")).isNotBlank();
      }
    }
  }

  @Test
  void should_not_double_count_when_restarted_on_the_same_checkpoint_mid_stream() throws Exception {
    restartMidStream("it_restart", "");
  }

  @Test
  void should_restart_mid_stream_from_a_checkpoint_on_hdfs() throws Exception {
    try (MiniHdfs hdfs = new MiniHdfs()) {
      String checkpoint = hdfs.uri("it_restart_hdfs");
      restartMidStream("it_restart_hdfs", "checkpoint-location = \"" + checkpoint + "\"");
      assertThat(hdfs.exists(checkpoint + "/offsets")).isTrue();
      assertThat(hdfs.exists(checkpoint + "/commits")).isTrue();
    }
  }

  private static void restartMidStream(String name, String jobHocon) throws Exception {
    long total = 40_000;
    try (GeneratedStream stream =
        GeneratedStream.start(
            name,
            Map.of(
                "count",
                total,
                "rate",
                1_500,
                "keys",
                5,
                "seed",
                99,
                "id",
                "it2",
                "start-time",
                "2025-12-31T23:59:55Z",
                "malformed.fraction",
                0.005,
                "out-of-order.fraction",
                0.05,
                "out-of-order.max-delay",
                "5s"),
            jobHocon)) {
      JobSettings settings = stream.settings;
      CqlSession session = stream.session;
      SparkSession spark = stream.spark();
      stream.runUntil(5_000);
      long beforeRestart = stream.linesProcessed();
      assertThat(stream.generator.awaitCompletion(Duration.ZERO))
          .as("stopped mid-stream")
          .isFalse();

      StreamingQuery second = stream.startQuery();
      try {
        assertThat(stream.generator.awaitCompletion(ItSupport.PIPELINE_TIMEOUT)).isTrue();
        ItSupport.awaitQuiet(second, session, settings.name());
      } finally {
        StreamingJob.stop(second);
      }
      long afterRestart = stream.linesProcessed() - beforeRestart;
      assertThat(afterRestart).as("lines taken in after the restart").isGreaterThan(10_000);

      List<org.apache.spark.sql.Row> raw =
          Tables.read(spark, settings, "events_raw").collectAsList();
      ExpectedRollups fromRaw = ExpectedRollups.ofRawEvents(raw);
      // Every stored event counted exactly once in every grain, nothing counted twice.
      RollupAssertions.assertRollupsMatch(session, fromRaw);
      RollupAssertions.assertFinerGrainsAddUpToCoarser(session);
      Row stats =
          session
              .execute("SELECT sum(valid_events) FROM batch_stats WHERE job = ?", settings.name())
              .one();
      assertThat(stats.getLong(0)).isEqualTo(raw.size());
      // The ssa-tcp source replays from the checkpoint: nothing is lost either.
      assertThat((long) raw.size()).isEqualTo(stream.expected().valid);
      RollupAssertions.assertRollupsMatch(session, stream.expected());
    }
  }

  @Test
  void should_keep_late_events_in_raw_and_count_them_instead_of_rolling_them_up() throws Exception {
    long total = 30_000;
    try (GeneratedStream stream =
        GeneratedStream.start(
            "it_late",
            Map.of(
                "count",
                total,
                "rate",
                3_000,
                "keys",
                4,
                "seed",
                7,
                "id",
                "it3",
                "start-time",
                "2026-03-01T00:00:00Z",
                "malformed.fraction",
                0.0,
                "out-of-order.fraction",
                0.2,
                "out-of-order.max-delay",
                "30s"),
            "rollup.allowed-lateness = 2s")) {
      JobSettings settings = stream.settings;
      CqlSession session = stream.session;
      ExpectedRollups expected = stream.expected();
      stream.runUntil(total);
      SparkSession spark = stream.spark();
      long late = stream.lateEvents();
      assertThat(late).as("events later than the watermark").isPositive();
      assertThat(Tables.count(spark, settings, "events_raw")).isEqualTo(expected.valid);
      for (Grain grain : Grain.values()) {
        long rolledUp = 0;
        for (Row row :
            session.execute(
                "SELECT count FROM rollups WHERE rollup = 'per_api' AND grain = ? ALLOW FILTERING",
                grain.id())) {
          rolledUp += row.getLong(0);
        }
        assertThat(rolledUp)
            .as("%s rollups hold every event but the late ones", grain)
            .isEqualTo(expected.valid - late);
      }
    }
  }

  @Test
  void should_still_read_from_sparks_own_socket_source_when_selected() throws Exception {
    long total = 6_000;
    try (GeneratedStream stream =
        GeneratedStream.start(
            "it_socket",
            Map.of(
                "count",
                total,
                "rate",
                3_000,
                "keys",
                3,
                "seed",
                5,
                "id",
                "it4",
                "start-time",
                "2026-06-30T23:59:59Z",
                "malformed.fraction",
                0.01,
                "out-of-order.fraction",
                0.0),
            "source.format = socket")) {
      JobSettings settings = stream.settings;
      CqlSession session = stream.session;
      ExpectedRollups expected = stream.expected();
      // The socket source connects once and takes the generator's live stream from event 0.
      stream.runUntil(total);
      SparkSession spark = stream.spark();
      RollupAssertions.assertRollupsMatch(session, expected);
      assertThat(Tables.count(spark, settings, "events_raw")).isEqualTo(expected.valid);
      assertThat(Tables.count(spark, settings, "dead_letter")).isEqualTo(expected.malformed);
    }
  }
}
