package ssa.monitor;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import ssa.config.MonitoringSettings;

/**
 * Serves the job's figures over HTTP: {@code /metrics} in Prometheus' text format and {@code
 * /status} as JSON. Uses the JDK's own HTTP server: nothing to ship, one daemon thread.
 */
public final class MetricsServer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;

  private MetricsServer(HttpServer server) {
    this.server = server;
  }

  public static MetricsServer start(MonitoringSettings settings, JobMetrics metrics) {
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(settings.host(), settings.port()), 16);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot serve metrics on "
              + settings.host()
              + ":"
              + settings.port()
              + " (ssa.job.monitoring.http-port): "
              + e.getMessage(),
          e);
    }
    server.createContext(
        "/metrics",
        exchange ->
            reply(exchange, "text/plain; version=0.0.4; charset=utf-8", metrics::prometheus));
    server.createContext(
        "/status", exchange -> reply(exchange, "application/json", () -> json(metrics)));
    server.setExecutor(
        Executors.newSingleThreadExecutor(
            task -> {
              Thread thread = new Thread(task, "ssa-metrics-http");
              thread.setDaemon(true);
              return thread;
            }));
    server.start();
    return new MetricsServer(server);
  }

  public InetSocketAddress address() {
    return server.getAddress();
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private static String json(JobMetrics metrics) {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(metrics.status());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void reply(HttpExchange exchange, String type, Supplier<String> body)
      throws IOException {
    try (exchange) {
      if (!exchange.getRequestMethod().equals("GET")) {
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      byte[] bytes = body.get().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", type);
      exchange.sendResponseHeaders(200, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }
}
