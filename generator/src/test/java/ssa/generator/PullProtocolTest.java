package ssa.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** The pull commands the job's ssa-tcp source uses, over real loopback sockets. */
class PullProtocolTest {
  private static final String START = "2024-01-01T00:00:00Z";
  private static final long START_MILLIS = 1_704_067_200_000L;
  private static final Duration LINGER = Duration.ofMillis(100);
  private static final Duration PATIENCE = Duration.ofSeconds(20);

  private static GeneratorSettings settings(long count) {
    return settings(count, LINGER);
  }

  private static GeneratorSettings settings(long count, Duration linger) {
    return TestSettings.with(
        GeneratorSetting.PORT.key(),
        0,
        GeneratorSetting.RATE.key(),
        0,
        GeneratorSetting.COUNT.key(),
        count,
        GeneratorSetting.LINGER.key(),
        linger.toMillis() + "ms",
        GeneratorSetting.START_TIME.key(),
        START,
        GeneratorSetting.MALFORMED_FRACTION.key(),
        0.01);
  }

  private static List<String> ask(Generator generator, String command) throws IOException {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), generator.port())) {
      socket.setSoTimeout((int) PATIENCE.toMillis());
      return readAll(send(socket, command));
    }
  }

  private static BufferedReader send(Socket socket, String command) throws IOException {
    OutputStream out = socket.getOutputStream();
    out.write((command + "\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
    return new BufferedReader(
        new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
  }

  private static List<String> readAll(BufferedReader in) throws IOException {
    List<String> lines = new ArrayList<>();
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      lines.add(line);
    }
    return lines;
  }

  @Test
  void should_answer_latest_with_every_event_of_a_bounded_unthrottled_run() throws IOException {
    try (Generator generator = new Generator(settings(5000))) {
      generator.start();
      assertThat(ask(generator, "LATEST")).containsExactly("OK 5000");
    }
  }

  @Test
  void should_serve_the_same_exact_range_every_time_it_is_asked() throws IOException {
    GeneratorSettings settings = settings(5000);
    EventFactory factory = new EventFactory(settings, START_MILLIS);
    List<String> expected =
        LongStream.range(1200, 3400).mapToObj(n -> factory.event(n).line()).toList();
    try (Generator generator = new Generator(settings)) {
      generator.start();
      List<String> first = ask(generator, "RANGE 1200 3400");
      List<String> again = ask(generator, "RANGE 1200 3400");
      assertThat(first.get(0)).isEqualTo("OK");
      assertThat(first.subList(1, first.size())).isEqualTo(expected);
      assertThat(again).isEqualTo(first);
      // Counted before the connection closes, so the progress line is right once a reader is done.
      assertThat(generator.rangesPulled()).isEqualTo(2);
    }
  }

  @Test
  void should_complete_once_a_pulled_range_reaches_the_count() throws IOException {
    try (Generator generator = new Generator(settings(100))) {
      generator.start();
      ask(generator, "RANGE 0 50");
      assertThat(generator.awaitCompletion(Duration.ofMillis(100))).isFalse();
      ask(generator, "RANGE 50 100");
      assertThat(generator.awaitCompletion(Duration.ofSeconds(5))).isTrue();
    }
  }

  @Test
  void should_keep_serving_a_range_still_pulled_after_another_one_reached_the_count()
      throws IOException {
    // The slow range is far larger than what the loopback buffers hold, so the generator is
    // still writing it, blocked on its reader, when the other range is served.
    long count = 120_000;
    long split = 100_000;
    GeneratorSettings settings = settings(count);
    EventFactory factory = new EventFactory(settings, START_MILLIS);
    try (Generator generator = new Generator(settings)) {
      generator.start();
      try (Socket slow = new Socket()) {
        // Set before connecting, so the window stays small.
        slow.setReceiveBufferSize(4096);
        slow.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), generator.port()));
        slow.setSoTimeout((int) PATIENCE.toMillis());
        BufferedReader slowLines = send(slow, "RANGE 0 " + split);
        assertThat(slowLines.readLine()).isEqualTo("OK");

        assertThat(ask(generator, "RANGE " + split + " " + count))
            .hasSize((int) (count - split) + 1);
        // Several lingers long: only the range still being pulled keeps the run going now.
        assertThat(generator.awaitCompletion(LINGER.multipliedBy(5)))
            .as("complete while a client still pulls a range")
            .isFalse();

        for (long n = 0; n < split; n++) {
          String line = slowLines.readLine();
          if (!factory.event(n).line().equals(line)) {
            assertThat(line).as("line " + n).isEqualTo(factory.event(n).line());
          }
        }
        assertThat(slowLines.readLine()).isNull();
      }
      assertThat(generator.awaitCompletion(PATIENCE)).isTrue();
      assertThat(generator.rangesPulled()).isEqualTo(2);
    }
  }

  @Test
  void should_wait_the_linger_for_a_replay_before_completing() throws IOException {
    Generator generator = new Generator(settings(100, Duration.ofMinutes(10)));
    try (generator) {
      generator.start();
      List<String> first = ask(generator, "RANGE 0 100");
      assertThat(generator.awaitCompletion(Duration.ofMillis(200))).isFalse();

      // A restarted job replays its last batch: still there to pull.
      assertThat(ask(generator, "RANGE 0 100")).isEqualTo(first);
    }
    // Once closed no one can pull any more, so nothing is left to wait for.
    assertThat(generator.awaitCompletion(Duration.ZERO)).isTrue();
  }

  @Test
  void should_refuse_a_range_beyond_what_exists_with_a_reason() throws IOException {
    try (Generator generator = new Generator(settings(100))) {
      generator.start();
      assertThat(ask(generator, "RANGE 90 101"))
          .singleElement()
          .asString()
          .startsWith("ERR range [90, 101)");
      assertThat(ask(generator, "FETCH 1"))
          .singleElement()
          .asString()
          .startsWith("ERR unknown command");
    }
  }

  @Test
  void should_not_make_events_available_faster_than_the_rate() throws IOException {
    GeneratorSettings slow =
        TestSettings.with(
            GeneratorSetting.PORT.key(),
            0,
            GeneratorSetting.RATE.key(),
            10,
            GeneratorSetting.COUNT.key(),
            0);
    try (Generator generator = new Generator(slow)) {
      generator.start();
      // Counting starts at the first pull; at 10 events/s only a few exist right after it.
      long first = Long.parseLong(ask(generator, "LATEST").get(0).substring(3));
      assertThat(first).isLessThan(10);
    }
  }
}
