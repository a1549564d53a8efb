package ssa.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import ssa.config.JobSettings;
import ssa.job.StreamingJob;
import ssa.launcher.cassandra.LocalCassandraExtension;
import ssa.rollup.Grain;

/** Single events that used to stop the job or its rollups, through a real node. */
@ExtendWith(LocalCassandraExtension.class)
class BadInputIT {

  @Test
  void should_store_good_events_beside_a_huge_key_and_a_far_future_event_and_keep_running()
      throws Exception {
    try (LineServer server = new LineServer()) {
      JobSettings settings =
          ItSupport.jobSettings("it_bad_input", server.port(), "source.format = socket");
      try (CqlSession session = ItSupport.freshKeyspace(settings)) {
        Instant t = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        StreamingQuery query = ItSupport.startQuery(settings);
        try {
          String hugeKey = "k".repeat(70_000);
          server.send(
              event("a", "/ok", t),
              event("b", "/ok", t.plusMillis(1)),
              event("big", hugeKey, t),
              event("c", "/ok", t.plusMillis(2)),
              event("future", "/ok", Instant.parse("2090-01-01T00:00:00Z")));
          ItSupport.awaitLines(query, session, settings.name(), 5);
          // After the far-future event, on-time events must still be on time.
          server.send(event("d", "/ok", t.plusMillis(3)), event("e", "/ok", t.plusMillis(4)));
          ItSupport.awaitLines(query, session, settings.name(), 7);
          assertThat(query.isActive()).as("the job keeps running").isTrue();
        } finally {
          StreamingJob.stop(query);
        }
        assertThat(count(session, "SELECT count(*) FROM events_raw")).isEqualTo(6);
        List<Row> dead = session.execute("SELECT reason FROM dead_letter").all();
        assertThat(dead).hasSize(1);
        assertThat(dead.get(0).getString("reason")).contains("70000 bytes").contains("65000");
        Row stats =
            session
                .execute(
                    "SELECT sum(late_events), sum(future_events) FROM batch_stats WHERE job = ?",
                    settings.name())
                .one();
        assertThat(stats.getLong(0)).as("late events").isZero();
        assertThat(stats.getLong(1)).as("future events").isEqualTo(1);
        Row minute =
            session
                .execute(
                    "SELECT count FROM rollups WHERE rollup = 'per_api' AND grain = ? AND key = ?"
                        + " AND period = ?"
                        + " AND bucket = ?",
                    Grain.MINUTE.id(),
                    "/ok",
                    Grain.MINUTE.periodStart(t),
                    t)
                .one();
        assertThat(minute.getLong("count")).as("on-time events in their minute").isEqualTo(5);
        assertThat(
                count(
                    session,
                    "SELECT count FROM rollups WHERE rollup = 'per_api' AND grain = 'year'"
                        + " AND key = '/ok' AND period = '"
                        + Grain.ALL_TIME
                        + "' AND bucket = '2090-01-01T00:00:00Z'"))
            .as("the far-future event rolled up in its own year")
            .isEqualTo(1);
      }
    }
  }

  private static long count(CqlSession session, String cql) {
    return session.execute(cql).one().getLong(0);
  }

  static String event(String id, String api, Instant at) {
    return "{\"id\":\""
        + id
        + "\",\"api\":\""
        + api
        + "\",\"status\":200,\"latency_ms\":1.5,"
        + "\"_timestamp\":"
        + at.toEpochMilli()
        + "}";
  }
}
