package ssa.serve;

import com.datastax.oss.driver.api.core.CqlSession;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.function.Function;
import ssa.config.JobSettings;
import ssa.rollup.Grain;
import ssa.rollup.RollupDefinition;

/**
 * The query API over HTTP, JSON under a versioned path. Reads Cassandra only (through {@link
 * RollupQueries}), so it answers for streamed and re-summarized rows alike, with the job down too.
 * With a token set, every path but the health check wants it ({@code Authorization: Bearer T}).
 */
public final class ApiServer implements AutoCloseable {
  public static final String BASE = "/api/v1";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;

  private ApiServer(HttpServer server) {
    this.server = server;
  }

  /** Serves the job's keyspace: its rollups, raw events, alerts and health. */
  public static ApiServer start(
      InetSocketAddress address, Optional<String> token, CqlSession session, JobSettings settings)
      throws IOException {
    String keyspace = settings.cassandra().keyspace();
    RollupQueries queries = new RollupQueries(session, keyspace, settings.rollups());
    RawQueries raw = new RawQueries(session, keyspace);
    AlertQueries alerts = new AlertQueries(session, keyspace, settings.name(), settings.alerts());
    JobHealth health = new JobHealth(session, keyspace, settings);
    HttpServer server = HttpServer.create(address, 64);
    DashboardFiles dashboard = new DashboardFiles();
    server.createContext("/", exchange -> page(exchange, dashboard));
    server.createContext(
        BASE + "/health", exchange -> answer(exchange, Optional.empty(), p -> health.read()));
    server.createContext(
        BASE + "/rollups", exchange -> answer(exchange, token, p -> route(exchange, queries, p)));
    server.createContext(
        BASE + "/raw",
        exchange ->
            answer(
                exchange,
                token,
                p -> {
                  Instant[] range = p.range();
                  return raw.raw(
                      p.required("key"),
                      range[0],
                      range[1],
                      p.count("size", 100, RawQueries.MAX_PAGE),
                      p.optional("page"));
                }));
    server.createContext(
        BASE + "/dead-letters",
        exchange ->
            answer(
                exchange,
                token,
                p ->
                    Map.of(
                        "deadLetters",
                        raw.deadLetters(
                            Instant.now(),
                            p.count("hours", 24, (int) RawQueries.MAX_DEAD_LETTER_HOURS.toHours()),
                            p.count("limit", 100, RawQueries.MAX_PAGE)))));
    server.createContext(
        BASE + "/alerts",
        exchange ->
            answer(
                exchange,
                token,
                p ->
                    alerts.recent(
                        Instant.now(),
                        p.count("hours", 24, AlertQueries.MAX_HOURS),
                        p.count("limit", 100, AlertQueries.MAX_LIMIT))));
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.start();
    return new ApiServer(server);
  }

  public InetSocketAddress address() {
    return server.getAddress();
  }

  /** /rollups, /rollups/NAME/keys, /rollups/NAME/series, /rollups/NAME/top. */
  private static Object route(HttpExchange exchange, RollupQueries queries, QueryParameters p) {
    String[] path = exchange.getRequestURI().getPath().substring(BASE.length()).split("/");
    // "", "rollups"[, NAME, WHAT]
    if (path.length == 2) {
      return Map.of("rollups", queries.definitions());
    }
    if (path.length != 4) {
      throw new NotFound();
    }
    RollupDefinition rollup = queries.rollup(path[2]);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("rollup", rollup.name());
    switch (path[3]) {
      case "keys" -> {
        out.put(
            "keys",
            queries.keys(
                rollup,
                p.optional("search").orElse(""),
                p.count("limit", 100, RollupQueries.MAX_KEYS)));
      }
      case "series" -> {
        Instant[] range = p.range();
        Grain grain = p.grain(range[0], range[1]);
        String key = p.required("key");
        out.put("key", key);
        out.put("grain", grain.id());
        out.put("rows", queries.series(rollup, key, grain, range[0], range[1], p.zone()));
      }
      case "top" -> {
        Instant[] range = p.range();
        Grain grain = p.grain(range[0], range[1]);
        String by = p.optional("by").orElse("count");
        out.put("grain", grain.id());
        out.put("by", by);
        out.put("top", queries.top(rollup, grain, range[0], range[1], by, p.count("n", 10, 1000)));
      }
      default -> throw new NotFound();
    }
    return out;
  }

  private static void answer(
      HttpExchange exchange, Optional<String> token, Function<QueryParameters, Object> handler)
      throws IOException {
    try (exchange) {
      int status;
      Object body;
      try {
        if (!exchange.getRequestMethod().equals("GET")) {
          status = 405;
          body = Map.of("error", "only GET");
        } else if (token.isPresent() && !authorized(exchange, token.get())) {
          status = 401;
          body = Map.of("error", "missing or wrong token: send Authorization: Bearer TOKEN");
        } else {
          body = handler.apply(new QueryParameters(exchange.getRequestURI()));
          status = 200;
        }
      } catch (BadRequest e) {
        status = 400;
        body = Map.of("error", e.getMessage());
      } catch (NotFound e) {
        status = 404;
        body = Map.of("error", "no such path: " + exchange.getRequestURI().getPath());
      } catch (com.datastax.oss.driver.api.core.DriverException e) {
        status = 503;
        body = Map.of("error", "Cassandra did not answer: " + e.getMessage());
      } catch (RuntimeException e) {
        status = 500;
        body = Map.of("error", "internal error: " + e);
      }
      byte[] bytes = JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
      exchange.sendResponseHeaders(status, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  /**
   * The dashboard: its page at / and its scripts under /ui/. They hold no data, so they need no
   * token; the page sends the one in its own address (?token=) with each API call.
   */
  private static void page(HttpExchange exchange, DashboardFiles files) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      String name =
          path.equals("/") ? "index.html" : path.startsWith("/ui/") ? path.substring(4) : "";
      DashboardFiles.File file = files.get(name);
      if (file == null || !exchange.getRequestMethod().equals("GET")) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      exchange.getResponseHeaders().set("Content-Type", file.type());
      exchange.getResponseHeaders().set("Cache-Control", "no-cache");
      exchange.sendResponseHeaders(200, file.bytes().length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(file.bytes());
      }
    }
  }

  private static boolean authorized(HttpExchange exchange, String token) {
    String given = exchange.getRequestHeaders().getFirst("Authorization");
    byte[] expected = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
    return given != null && MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public void close() {
    server.stop(0);
  }

  /** A path the API does not have. */
  static final class NotFound extends RuntimeException {}
}
