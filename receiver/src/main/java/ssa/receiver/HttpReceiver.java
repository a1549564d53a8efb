package ssa.receiver;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;

/**
 * {@code POST /events}: a body of lines, published before the answer. 200 means the broker stored
 * every line; any other status means the client should treat none as received.
 */
final class HttpReceiver implements AutoCloseable {
  private final HttpServer server;
  private final ReceiverSettings settings;
  private final Publisher publisher;
  private final Semaphore requests;

  HttpReceiver(ReceiverSettings settings, Publisher publisher) throws IOException {
    this.settings = settings;
    this.publisher = publisher;
    this.requests = new Semaphore(settings.maxRequests());
    this.server =
        HttpServer.create(new InetSocketAddress(settings.host(), settings.httpPort()), 128);
    server.createContext("/events", this::events);
    server.createContext("/health", exchange -> answer(exchange, 200, "{\"status\":\"ok\"}"));
    server.setExecutor(Executors.newFixedThreadPool(Math.min(settings.maxRequests(), 32)));
    server.start();
  }

  InetSocketAddress address() {
    return server.getAddress();
  }

  private void events(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!exchange.getRequestMethod().equals("POST")) {
        answer(exchange, 405, error("POST a body of lines, one event each"));
        return;
      }
      if (settings.token().isPresent() && !authorized(exchange, settings.token().get())) {
        answer(exchange, 401, error("missing or wrong token: send Authorization: Bearer TOKEN"));
        return;
      }
      String length = exchange.getRequestHeaders().getFirst("Content-Length");
      if (length != null && Long.parseLong(length) > settings.maxRequestBytes()) {
        answer(exchange, 413, tooLarge());
        return;
      }
      if (!requests.tryAcquire()) {
        exchange.getResponseHeaders().set("Retry-After", "1");
        answer(exchange, 429, error("too many requests in flight; send again shortly"));
        return;
      }
      try {
        byte[] body = read(exchange.getRequestBody(), settings.maxRequestBytes());
        if (body == null) {
          answer(exchange, 413, tooLarge());
          return;
        }
        List<byte[]> lines = Lines.split(body, settings.maxLineBytes());
        publisher.publish(lines);
        answer(exchange, 200, "{\"accepted\":" + lines.size() + "}");
      } catch (Lines.Refused e) {
        answer(exchange, e.status, error(e.getMessage()));
      } catch (Publisher.NotStored e) {
        exchange.getResponseHeaders().set("Retry-After", "1");
        answer(exchange, 503, error(e.getMessage() + "; send the request again"));
      } finally {
        requests.release();
      }
    }
  }

  /** The body, or null when it is longer than {@code max} bytes. */
  private static byte[] read(InputStream in, int max) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[64 * 1024];
    for (int n; (n = in.read(buffer)) > 0; ) {
      if (out.size() + n > max) {
        return null;
      }
      out.write(buffer, 0, n);
    }
    return out.toByteArray();
  }

  private String tooLarge() {
    return error(
        "body longer than "
            + settings.maxRequestBytes()
            + " bytes (ssa.receiver.max-request-bytes)");
  }

  private static String error(String message) {
    return "{\"error\":\"" + message.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
  }

  private static boolean authorized(HttpExchange exchange, String token) {
    String given = exchange.getRequestHeaders().getFirst("Authorization");
    byte[] expected = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
    return given != null && MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.UTF_8));
  }

  private static void answer(HttpExchange exchange, int status, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
