package ssa.it;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An HTTP endpoint on a free loopback port that keeps every alert POSTed to it. */
final class WebhookReceiver implements AutoCloseable {
  /** One request: its Idempotency-Key header and its JSON body. */
  record Delivery(String id, String body) {}

  private final HttpServer server;
  final List<Delivery> deliveries = new CopyOnWriteArrayList<>();

  private WebhookReceiver(HttpServer server) {
    this.server = server;
  }

  static WebhookReceiver start() throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    WebhookReceiver receiver = new WebhookReceiver(server);
    server.createContext(
        "/alerts",
        exchange -> {
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          receiver.deliveries.add(
              new Delivery(exchange.getRequestHeaders().getFirst("Idempotency-Key"), body));
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    server.start();
    return receiver;
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/alerts";
  }

  List<String> ids() {
    return deliveries.stream().map(Delivery::id).toList();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
