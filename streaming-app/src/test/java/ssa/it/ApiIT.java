package ssa.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import ssa.launcher.cassandra.LocalCassandraExtension;
import ssa.rollup.Grain;
import ssa.serve.ApiServer;

/** The query API against the real node: its numbers equal the rows, bad input gets a 400. */
@ExtendWith(LocalCassandraExtension.class)
class ApiIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String START = "2026-03-01T10:00:00Z";

  @Test
  void should_answer_from_the_rows_in_cassandra_and_refuse_bad_input() throws Exception {
    long total = 6_000;
    try (GeneratedStream stream =
        GeneratedStream.start(
            "it_api", ItSupport.messyStream("api", total, 3_000, 4, 9, START, "1s"), "")) {
      stream.runUntil(total);
      CqlSession session = stream.session;
      try (ApiServer server =
          ApiServer.start(
              new InetSocketAddress("127.0.0.1", 0),
              Optional.of("secret"),
              session,
              stream.settings)) {
        String base = "http://127.0.0.1:" + server.address().getPort() + ApiServer.BASE;

        assertThat(get(base + "/health", null).statusCode()).isEqualTo(200);
        assertThat(get(base + "/rollups", null).statusCode()).as("no token").isEqualTo(401);

        JsonNode rollups = json(get(base + "/rollups", "secret"));
        assertThat(rollups.get("rollups").findValuesAsText("name"))
            .containsExactly("per_api", "per_api_status");

        JsonNode keys = json(get(base + "/rollups/per_api/keys", "secret")).get("keys");
        assertThat(keys).hasSize(4);

        String key = keys.get(0).asText();
        JsonNode series =
            json(
                get(
                    base
                        + "/rollups/per_api/series?key="
                        + key
                        + "&from=2026-03-01T09:00:00Z&to=2026-03-01T12:00:00Z",
                    "secret"));
        assertThat(series.get("grain").asText()).isEqualTo("minute");
        Map<String, Long> shown = new HashMap<>();
        series
            .get("rows")
            .forEach(r -> shown.put(r.get("bucket").asText(), r.get("count").asLong()));
        Map<String, Long> stored = new HashMap<>();
        for (Row row :
            session.execute(
                "SELECT bucket, count FROM rollups WHERE rollup = 'per_api' AND grain = 'minute'"
                    + " AND key = ? AND period = ?",
                key,
                Grain.MINUTE.periodStart(java.time.Instant.parse(START)))) {
          stored.put(row.getInstant("bucket").toString(), row.getLong("count"));
        }
        assertThat(shown).isNotEmpty().isEqualTo(stored);

        JsonNode top =
            json(
                get(
                    base
                        + "/rollups/per_api/top?grain=day&by=error_count&n=2"
                        + "&from=2026-03-01T00:00:00Z&to=2026-03-02T00:00:00Z",
                    "secret"));
        assertThat(top.get("top")).hasSize(2);
        JsonNode byCount =
            json(get(
                    base
                        + "/rollups/per_api/top?grain=day&n=10"
                        + "&from=2026-03-01T00:00:00Z&to=2026-03-02T00:00:00Z",
                    "secret"))
                .get("top");
        assertThat(byCount).hasSize(4);
        long dayTotal = 0;
        for (JsonNode entry : byCount) {
          dayTotal += entry.get("count").asLong();
        }
        assertThat(dayTotal)
            .as("every event of the day, over the 4 keys")
            .isEqualTo(storedDay(session));
        assertThat(top.get("top").get(0).get("error_count").asDouble())
            .isGreaterThanOrEqualTo(top.get("top").get(1).get("error_count").asDouble());

        for (String bad :
            new String[] {
              "/rollups/nope/keys",
              "/rollups/per_api/keys?limit=100000",
              "/rollups/per_api/top?by=latency&from=2026-03-01T00:00:00Z&to=2026-03-02T00:00:00Z",
              "/rollups/per_api/series?key=x&from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z",
              "/rollups/per_api/series?key=x&from=yesterday&to=2026-03-01T00:00:00Z",
              "/rollups/per_api/series?from=2026-03-01T00:00:00Z&to=2026-03-02T00:00:00Z",
              "/rollups/per_api/series?key=x&grain=week&from=2026-03-01T00:00:00Z&to=2026-03-02T00:00:00Z",
              "/alerts?hours=100000"
            }) {
          HttpResponse<String> response = get(base + bad, "secret");
          assertThat(response.statusCode()).as(bad).isEqualTo(400);
          assertThat(JSON.readTree(response.body()).get("error").asText()).as(bad).isNotBlank();
        }
        assertThat(get(base + "/rollups/per_api/nothing", "secret").statusCode()).isEqualTo(404);
        assertThat(get(base + "/alerts", null).statusCode()).as("no token").isEqualTo(401);
        JsonNode alerts = json(get(base + "/alerts", "secret"));
        assertThat(alerts.get("rules")).as("no rule configured").isEmpty();
        assertThat(alerts.get("alerts")).isEmpty();

        // Raw events of one key, page by page: every stored event once, newest first.
        long storedEvents =
            session
                .execute(
                    "SELECT sum(count) AS n FROM rollups WHERE rollup = 'per_api' AND grain = 'year'"
                        + " AND key = ? AND period = '1970-01-01'",
                    key)
                .one()
                .getLong("n");
        java.util.Set<String> ids = new java.util.HashSet<>();
        String page = null;
        int pages = 0;
        do {
          JsonNode raw =
              json(
                  get(
                      base
                          + "/raw?key="
                          + key
                          + "&size=400&from=2026-03-01T00:00:00Z"
                          + "&to=2026-03-02T00:00:00Z"
                          + (page == null ? "" : "&page=" + page),
                      "secret"));
          raw.get("events").forEach(e -> assertThat(ids.add(e.get("id").asText())).isTrue());
          page = raw.get("next").isNull() ? null : raw.get("next").asText();
          pages++;
        } while (page != null);
        assertThat((long) ids.size())
            .as("raw events of %s over %d pages", key, pages)
            .isEqualTo(storedEvents);
        assertThat(pages).isGreaterThan(1);
        assertThat(
                get(
                        base
                            + "/raw?key=x&size=5000&from=2026-03-01T00:00:00Z&to=2026-03-02T00:00:00Z",
                        "secret")
                    .statusCode())
            .isEqualTo(400);
      }
    }
  }

  private static HttpResponse<String> get(String url, String token) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode json(HttpResponse<String> response) throws Exception {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  /** Events in the day rows of every per_api key: the day's total as Cassandra has it. */
  private static long storedDay(CqlSession session) {
    long total = 0;
    for (Row row : session.execute("SELECT key FROM rollup_keys WHERE rollup = 'per_api'")) {
      Row day =
          session
              .execute(
                  "SELECT count FROM rollups WHERE rollup = 'per_api' AND grain = 'day' AND key = ?"
                      + " AND period = ? AND bucket = '2026-03-01'",
                  row.getString("key"),
                  Grain.DAY.periodStart(java.time.Instant.parse(START)))
              .one();
      total += day == null ? 0 : day.getLong("count");
    }
    return total;
  }
}
