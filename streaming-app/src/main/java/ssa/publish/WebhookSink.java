package ssa.publish;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import ssa.rollup.Alert;

/**
 * POSTs each firing as JSON. The firing's id also travels as the {@code Idempotency-Key} header: a
 * firing may be sent again after a restart, and a receiver drops what it has seen.
 */
final class WebhookSink implements AlertSink {
  private final HttpClient client;
  private final URI url;
  private final Duration timeout;

  WebhookSink(String url, Duration timeout) {
    this.url = URI.create(url);
    this.timeout = timeout;
    this.client = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  @Override
  public void send(Alert alert, String json) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(url)
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .header("Idempotency-Key", alert.id())
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build();
    HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() / 100 != 2) {
      throw new IOException("webhook " + url + " answered " + response.statusCode());
    }
  }
}
