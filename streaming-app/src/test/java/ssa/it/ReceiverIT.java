package ssa.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import ssa.config.JobSettings;
import ssa.generator.EventFactory;
import ssa.generator.GeneratorSettings;
import ssa.job.StreamingJob;
import ssa.launcher.RepoRoot;
import ssa.launcher.cassandra.LocalCassandraExtension;
import ssa.launcher.kafka.LocalKafka;
import ssa.launcher.kafka.LocalKafkaExtension;

/**
 * Events sent as a user would, with curl and nc: POSTed over HTTP and written to the TCP port of
 * the receiver (its own JVM, from its jar), through the local broker to the job. Every line
 * acknowledged is rolled up exactly once, however often a client retried it, the receiver killed
 * with SIGKILL in between; bad requests are refused with their reason, a bad line on TCP is skipped
 * with an error while the rest goes through, and the TCP port's limits (idle, too many connections)
 * and the broker's absence (503) get clear answers.
 */
@ExtendWith({LocalCassandraExtension.class, LocalKafkaExtension.class})
class ReceiverIT {
  private static final String TOKEN = "s3cret";
  private static final int MAX_LINE = 65_536;

  @Test
  void should_roll_up_every_acknowledged_line_once_and_refuse_bad_input() throws Exception {
    long total = 9_000;
    GeneratorSettings generated =
        ItSupport.generatorSettings(
            ItSupport.messyStream("recv", total, 5_000, 5, 41, "2026-05-01T08:00:00Z", "2s"));
    EventFactory events =
        new EventFactory(generated, generated.startTime().orElseThrow().toEpochMilli());
    String topic = KafkaTopics.create("it-receiver", 2);
    JobSettings settings = KafkaTopics.jobSettings("it_receiver", topic, 1000000);
    int http = freePort();
    int tcp = freePort();
    Process receiver = startReceiver(topic, http, tcp);
    HttpClient client = HttpClient.newHttpClient();
    String url = "http://127.0.0.1:" + http + "/events";
    try (CqlSession session = ItSupport.freshKeyspace(settings)) {
      SparkSession spark = ItSupport.spark(settings);
      StreamingQuery query = ItSupport.startQuery(settings);
      try {
        // Over HTTP, three requests of a thousand lines each: each answered once stored. The
        // second is sent twice, as by a client that lost the first answer: it counts once.
        for (long from = 0; from < 3_000; from += 1_000) {
          for (int copy = 0; copy < (from == 1_000 ? 2 : 1); copy++) {
            HttpResponse<String> ok = post(client, url, lines(events, from, from + 1_000), TOKEN);
            assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
            assertThat(ok.body()).isEqualTo("{\"accepted\":1000}");
          }
        }
        // Refused whole, so none of their lines counts: no token, a line too long, bad UTF-8.
        assertThat(post(client, url, lines(events, 0, 10), null).statusCode()).isEqualTo(401);
        HttpResponse<String> tooLong =
            post(client, url, lines(events, 0, 10) + "x".repeat(MAX_LINE + 1) + "\n", TOKEN);
        assertThat(tooLong.statusCode()).isEqualTo(413);
        assertThat(tooLong.body()).contains("line 11 longer than 65536 bytes");
        HttpResponse<String> notUtf8 =
            client.send(
                HttpRequest.newBuilder(URI.create(url))
                    .header("Authorization", "Bearer " + TOKEN)
                    .POST(
                        HttpRequest.BodyPublishers.ofByteArray(
                            new byte[] {'{', (byte) 0xC3, '(', '\n'}))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(notUtf8.statusCode()).isEqualTo(400);
        assertThat(notUtf8.body()).contains("not valid UTF-8");

        // Over TCP, as nc would send them, with one line too long in the middle.
        List<String> errors = new ArrayList<>();
        try (Socket socket = new Socket("127.0.0.1", tcp)) {
          OutputStream out = socket.getOutputStream();
          out.write(lines(events, 3_000, 4_500).getBytes(StandardCharsets.UTF_8));
          out.write(("y".repeat(MAX_LINE + 10) + "\n").getBytes(StandardCharsets.UTF_8));
          out.write(lines(events, 4_500, 6_000).getBytes(StandardCharsets.UTF_8));
          socket.shutdownOutput();
          BufferedReader in =
              new BufferedReader(
                  new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
          for (String line; (line = in.readLine()) != null; ) {
            errors.add(line);
          }
        }
        assertThat(errors)
            .containsExactly(
                "ERR line 1501 longer than 65536 bytes (ssa.receiver.max-line-bytes), skipped");

        // The receiver killed with SIGKILL while a client posts 30 requests of 100 lines, each
        // retried until answered 200; some were stored before the kill and are sent again.
        RetryingClient retrying = new RetryingClient(client, url, events, 6_000, total, 100);
        Thread posting = new Thread(retrying, "retrying-client");
        posting.start();
        while (retrying.acknowledged.get() < 10 && posting.isAlive()) {
          Thread.sleep(20);
        }
        receiver.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
        Thread.sleep(1_000);
        receiver = startReceiver(topic, http, tcp);
        posting.join(Duration.ofSeconds(120).toMillis());
        assertThat(retrying.acknowledged.get()).as("requests acknowledged").isEqualTo(30);
        System.out.printf(
            "receiver killed after %d of 30 requests; %d attempts failed and were retried%n",
            retrying.acknowledgedAtKill, retrying.failedAttempts.get());
        assertThat(retrying.failedAttempts.get())
            .as("attempts that met the dead receiver")
            .isPositive();

        ItSupport.awaitLines(query, session, settings.name(), total);
        ItSupport.awaitQuiet(query, session, settings.name());
      } finally {
        StreamingJob.stop(query);
      }
      ExpectedRollups expected = ExpectedRollups.of(generated);
      // Retried requests sent some lines twice: an event counts once, a bad line is a dead
      // letter each time it comes, so every bad line is there, and nothing else.
      assertThat(ItSupport.linesProcessed(session, settings.name())).isGreaterThanOrEqualTo(total);
      assertThat(Tables.count(spark, settings, "events_raw")).isEqualTo(expected.valid);
      assertThat(Tables.count(spark, settings, "dead_letter"))
          .isGreaterThanOrEqualTo(expected.malformed);
      Set<String> badLines = new HashSet<>();
      for (long n = 0; n < total; n++) {
        if (events.event(n).malformed()) {
          badLines.add(events.event(n).line());
        }
      }
      Set<String> deadLetters = new HashSet<>();
      session
          .execute("SELECT line FROM dead_letter")
          .forEach(row -> deadLetters.add(row.getString("line")));
      assertThat(deadLetters).isEqualTo(badLines);
      RollupAssertions.assertRollupsMatch(session, expected);
    } finally {
      receiver.destroy();
      receiver.waitFor(20, TimeUnit.SECONDS);
    }
  }

  /** Posts [from, until) in requests of {@code size} lines, each sent again until it gets 200. */
  private static final class RetryingClient implements Runnable {
    private final HttpClient client;
    private final String url;
    private final EventFactory events;
    private final long from;
    private final long until;
    private final int size;
    final AtomicInteger acknowledged = new AtomicInteger();
    final AtomicInteger failedAttempts = new AtomicInteger();
    volatile int acknowledgedAtKill = -1;

    RetryingClient(
        HttpClient client, String url, EventFactory events, long from, long until, int size) {
      this.client = client;
      this.url = url;
      this.events = events;
      this.from = from;
      this.until = until;
      this.size = size;
    }

    @Override
    public void run() {
      long deadline = System.nanoTime() + Duration.ofSeconds(110).toNanos();
      for (long start = from; start < until; start += size) {
        String body = lines(events, start, Math.min(until, start + size));
        while (System.nanoTime() < deadline) {
          try {
            HttpResponse<String> answer = post(client, url, body, TOKEN);
            if (answer.statusCode() == 200) {
              acknowledged.incrementAndGet();
              break;
            }
          } catch (Exception e) {
            // The receiver is down: as a client would, wait and send the same request again.
            if (acknowledgedAtKill < 0) {
              acknowledgedAtKill = acknowledged.get();
            }
          }
          failedAttempts.incrementAndGet();
          try {
            Thread.sleep(200);
          } catch (InterruptedException e) {
            return;
          }
        }
      }
    }
  }

  private static String lines(EventFactory events, long from, long until) {
    StringBuilder out = new StringBuilder();
    for (long n = from; n < until; n++) {
      out.append(events.event(n).line()).append('\n');
    }
    return out.toString();
  }

  private static HttpResponse<String> post(HttpClient client, String url, String body, String token)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The receiver as `./run.sh receiver` runs it: java -jar, settings from the environment. */
  private static Process startReceiver(String topic, int http, int tcp, String... properties)
      throws Exception {
    Path jar = RepoRoot.find().resolve("receiver/target/ssa-receiver-all.jar");
    assertThat(jar).as("build the receiver first (mvn package)").exists();
    Path log = Files.createTempFile("ssa-receiver", ".log");
    ProcessBuilder builder =
        new ProcessBuilder(command(jar, properties))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .redirectInput(new File("/dev/null"));
    builder.environment().put("SSA_KAFKA_TOPIC", topic);
    builder.environment().put("SSA_KAFKA_BOOTSTRAP_SERVERS", LocalKafka.bootstrapServers());
    builder.environment().put("SSA_RECEIVER_HTTP_PORT", Integer.toString(http));
    builder.environment().put("SSA_RECEIVER_TCP_PORT", Integer.toString(tcp));
    builder.environment().put("SSA_RECEIVER_TOKEN", TOKEN);
    Process process = builder.start();
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!Files.readString(log).contains("ssa receiver: POST")) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        process.destroyForcibly();
        throw new AssertionError("the receiver did not start: " + Files.readString(log));
      }
      Thread.sleep(200);
    }
    return process;
  }

  private static List<String> command(Path jar, String... properties) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Dssa.receiver.max-line-bytes=" + MAX_LINE);
    command.addAll(List.of(properties));
    command.add("-jar");
    command.add(jar.toString());
    return command;
  }

  @Test
  void should_close_idle_connections_refuse_too_many_wait_for_slow_ones_and_503_without_broker()
      throws Exception {
    String topic = KafkaTopics.create("it-receiver-limits", 1);
    int tcp = freePort();
    int http = freePort();
    Process receiver =
        startReceiver(
            topic,
            http,
            tcp,
            "-Dssa.receiver.idle-timeout=2s",
            "-Dssa.receiver.max-connections=2",
            "-Dssa.receiver.ack-timeout=3s");
    try (Socket idle1 = new Socket("127.0.0.1", tcp);
        Socket idle2 = new Socket("127.0.0.1", tcp)) {
      Thread.sleep(300); // both taken before the third arrives
      try (Socket third = new Socket("127.0.0.1", tcp)) {
        assertThat(readAll(third))
            .containsExactly("ERR too many connections (ssa.receiver.max-connections = 2)");
      }
      assertThat(readAll(idle1)).containsExactly("ERR idle too long, closing");
      assertThat(readAll(idle2)).containsExactly("ERR idle too long, closing");
    }
    // A slow client, a byte every 20 ms (under the idle timeout between bytes), loses nothing.
    String lines = "{\"a\":1}\n{\"a\":2}\n{\"a\":3}\n";
    try (Socket slow = new Socket("127.0.0.1", tcp)) {
      OutputStream out = slow.getOutputStream();
      for (byte b : lines.getBytes(StandardCharsets.UTF_8)) {
        out.write(b);
        out.flush();
        Thread.sleep(20);
      }
      slow.shutdownOutput();
      assertThat(readAll(slow)).isEmpty();
      assertThat(KafkaTopics.values(topic)).containsExactly("{\"a\":1}", "{\"a\":2}", "{\"a\":3}");

      // The broker down: a request is refused with 503 once ack-timeout passes, and the same
      // request succeeds once the broker is back.
      HttpClient client = HttpClient.newHttpClient();
      String url = "http://127.0.0.1:" + http + "/events";
      LocalKafka kafka = LocalKafkaExtension.local();
      kafka.kill();
      try {
        HttpResponse<String> down = post(client, url, "{\"a\":4}\n", TOKEN);
        assertThat(down.statusCode()).as(down.body()).isEqualTo(503);
        assertThat(down.body()).contains("send the request again");
      } finally {
        kafka.start();
      }
      // As a client would: send it again until stored (the producer reconnects first).
      HttpResponse<String> back = post(client, url, "{\"a\":4}\n", TOKEN);
      for (int retry = 0; retry < 20 && back.statusCode() == 503; retry++) {
        Thread.sleep(1_000);
        back = post(client, url, "{\"a\":4}\n", TOKEN);
      }
      assertThat(back.statusCode()).as(back.body()).isEqualTo(200);
      assertThat(KafkaTopics.values(topic)).contains("{\"a\":4}");
    } finally {
      receiver.destroy();
      receiver.waitFor(20, TimeUnit.SECONDS);
    }
  }

  /** Every line the receiver answers on a connection, until it closes it. */
  private static List<String> readAll(Socket socket) throws Exception {
    socket.setSoTimeout(30_000);
    List<String> answers = new ArrayList<>();
    BufferedReader in =
        new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
    for (String line; (line = in.readLine()) != null; ) {
      answers.add(line);
    }
    return answers;
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
