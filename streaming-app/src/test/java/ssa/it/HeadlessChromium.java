package ssa.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Debian's Chromium, headless, driven over the DevTools protocol with the JDK's own WebSocket
 * client: load a page, read its DOM with JavaScript, save a screenshot. `./run.sh test` installs
 * the package when it is missing; SSA_CHROMIUM names another binary.
 */
final class HeadlessChromium implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration ANSWER = Duration.ofSeconds(30);

  private final Process process;
  private final Path profile;
  private final WebSocket socket;
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();

  private HeadlessChromium(Process process, Path profile, URI page) {
    this.process = process;
    this.profile = profile;
    this.socket =
        HttpClient.newHttpClient()
            .newWebSocketBuilder()
            .buildAsync(page, new Listener())
            .orTimeout(ANSWER.toSeconds(), TimeUnit.SECONDS)
            .join();
  }

  static HeadlessChromium start(int width, int height) throws Exception {
    String binary = System.getenv().getOrDefault("SSA_CHROMIUM", "/usr/bin/chromium");
    if (!new File(binary).canExecute()) {
      throw new IllegalStateException(
          "no Chromium at "
              + binary
              + ": `./run.sh test` installs Debian's chromium package (apt-get install chromium),"
              + " or set SSA_CHROMIUM to a Chromium binary");
    }
    Path profile = Files.createTempDirectory("ssa-chromium");
    // The flags keep it from reaching out to the network at start (refused on a closed machine).
    List<String> command =
        List.of(
            binary,
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--remote-debugging-port=0",
            "--remote-allow-origins=*",
            "--user-data-dir=" + profile,
            "--window-size=" + width + "," + height,
            "about:blank");
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(profile.resolve("chromium.log").toFile())
            .start();
    try {
      return new HeadlessChromium(process, profile, pageSocket(process, profile));
    } catch (Exception | Error e) {
      process.destroyForcibly();
      throw e;
    }
  }

  /** The page's DevTools address: Chromium writes its port to the profile once it listens. */
  private static URI pageSocket(Process process, Path profile) throws Exception {
    Path portFile = profile.resolve("DevToolsActivePort");
    long deadline = System.nanoTime() + ANSWER.toNanos();
    while (!Files.exists(portFile) || Files.readAllLines(portFile).isEmpty()) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "Chromium did not start: " + Files.readString(profile.resolve("chromium.log")));
      }
      Thread.sleep(100);
    }
    String port = Files.readAllLines(portFile).get(0).trim();
    HttpResponse<String> targets =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    for (JsonNode target : JSON.readTree(targets.body())) {
      if (target.get("type").asText().equals("page")) {
        return URI.create(target.get("webSocketDebuggerUrl").asText());
      }
    }
    throw new IllegalStateException("Chromium lists no page: " + targets.body());
  }

  void navigate(String url) {
    send("Page.enable", Map.of());
    send("Page.navigate", Map.of("url", url));
  }

  /** The value of a JavaScript expression in the page (a promise is awaited). */
  JsonNode evaluate(String expression) {
    JsonNode answer =
        send(
            "Runtime.evaluate",
            Map.of("expression", expression, "returnByValue", true, "awaitPromise", true));
    if (answer.has("exceptionDetails")) {
      throw new IllegalStateException(expression + " threw " + answer.get("exceptionDetails"));
    }
    return answer.path("result").path("value");
  }

  /** The text of the element with that id, or "" when there is none. */
  String text(String id) {
    return evaluate("(document.getElementById('" + id + "') || {}).textContent || ''").asText();
  }

  void screenshot(Path file) throws IOException {
    JsonNode shot = send("Page.captureScreenshot", Map.of("format", "png"));
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.write(file, Base64.getDecoder().decode(shot.get("data").asText()));
  }

  private JsonNode send(String method, Map<String, Object> params) {
    int id = ids.incrementAndGet();
    CompletableFuture<JsonNode> answer = new CompletableFuture<>();
    pending.put(id, answer);
    try {
      String message =
          JSON.writeValueAsString(Map.of("id", id, "method", method, "params", params));
      socket.sendText(message, true).join();
      JsonNode reply = answer.orTimeout(ANSWER.toSeconds(), TimeUnit.SECONDS).join();
      if (reply.has("error")) {
        throw new IllegalStateException(method + ": " + reply.get("error"));
      }
      return reply.path("result");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } finally {
      pending.remove(id);
    }
  }

  @Override
  public void close() throws IOException {
    socket.abort();
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try (var files = Files.walk(profile)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  /** Hands each answer to the request waiting for its id; events are not used. */
  private final class Listener implements WebSocket.Listener {
    private final StringBuilder message = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      message.append(data);
      if (last) {
        try {
          JsonNode reply = JSON.readTree(message.toString());
          CompletableFuture<JsonNode> waiting =
              reply.has("id") ? pending.get(reply.get("id").asInt()) : null;
          if (waiting != null) {
            waiting.complete(reply);
          }
        } catch (IOException e) {
          pending.values().forEach(f -> f.completeExceptionally(e));
        }
        message.setLength(0);
      }
      webSocket.request(1);
      return null;
    }
  }
}
