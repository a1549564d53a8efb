package ssa.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** Serves over real loopback sockets; no timing assertions, only what was received. */
class GeneratorTest {
  private static final String START = "2024-01-01T00:00:00Z";
  private static final long START_MILLIS = 1_704_067_200_000L;
  private static final Duration PATIENCE = Duration.ofSeconds(20);

  private static GeneratorSettings settings(long rate, long count) {
    return TestSettings.with(
        GeneratorSetting.PORT.key(), 0,
        GeneratorSetting.RATE.key(), rate,
        GeneratorSetting.COUNT.key(), count,
        GeneratorSetting.START_TIME.key(), START,
        GeneratorSetting.MALFORMED_FRACTION.key(), 0.01);
  }

  private static List<String> expectedLines(GeneratorSettings settings, long from, long to) {
    EventFactory factory = new EventFactory(settings, START_MILLIS);
    return LongStream.range(from, to).mapToObj(n -> factory.event(n).line()).toList();
  }

  private static Socket connect(Generator generator) throws IOException {
    Socket socket = new Socket(InetAddress.getLoopbackAddress(), generator.port());
    socket.setSoTimeout((int) PATIENCE.toMillis());
    return socket;
  }

  private static BufferedReader reader(Socket socket) throws IOException {
    return new BufferedReader(
        new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
  }

  private static List<String> readAll(BufferedReader reader) throws IOException {
    List<String> lines = new ArrayList<>();
    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
      lines.add(line);
    }
    return lines;
  }

  private static List<String> read(BufferedReader reader, int count) throws IOException {
    List<String> lines = new ArrayList<>();
    while (lines.size() < count) {
      lines.add(reader.readLine());
    }
    return lines;
  }

  @Test
  void should_serve_exactly_count_events_equal_to_the_factory_then_close() throws IOException {
    GeneratorSettings settings = settings(0, 5000);
    try (Generator generator = new Generator(settings)) {
      generator.start();
      assertThat(generator.port()).isPositive();

      List<String> received;
      try (Socket socket = connect(generator)) {
        received = readAll(reader(socket));
      }

      assertThat(received).hasSize(5000).isEqualTo(expectedLines(settings, 0, 5000));
      assertThat(generator.awaitCompletion(PATIENCE)).isTrue();
      assertThat(generator.sent()).isEqualTo(5000);
    }
  }

  @Test
  void should_serve_csv_lines_when_so_configured() throws IOException {
    GeneratorSettings settings =
        TestSettings.with(
            GeneratorSetting.PORT.key(), 0,
            GeneratorSetting.RATE.key(), 0,
            GeneratorSetting.COUNT.key(), 100,
            GeneratorSetting.START_TIME.key(), START,
            GeneratorSetting.FORMAT.key(), "csv");
    try (Generator generator = new Generator(settings)) {
      generator.start();

      try (Socket socket = connect(generator)) {
        assertThat(readAll(reader(socket))).isEqualTo(expectedLines(settings, 0, 100));
      }
    }
  }

  @Test
  void should_continue_the_sequence_for_a_client_connecting_after_another_left()
      throws IOException {
    // Paced, so that events remain to be served when the second client arrives.
    GeneratorSettings settings = settings(5000, 3000);
    try (Generator generator = new Generator(settings)) {
      generator.start();

      try (Socket first = connect(generator)) {
        assertThat(read(reader(first), 200)).isEqualTo(expectedLines(settings, 0, 200));
      }
      List<String> second;
      try (Socket socket = connect(generator)) {
        second = readAll(reader(socket));
      }

      assertThat(second).isNotEmpty();
      EventFactory factory = new EventFactory(settings, START_MILLIS);
      long firstOfSecond =
          LongStream.range(200, 3000)
              .filter(n -> factory.event(n).line().equals(second.get(0)))
              .findFirst()
              .orElseThrow();
      assertThat(second).isEqualTo(expectedLines(settings, firstOfSecond, 3000));
      assertThat(generator.awaitCompletion(PATIENCE)).isTrue();
    }
  }

  @Test
  void should_send_the_same_events_to_every_connected_client() throws IOException {
    GeneratorSettings settings = settings(2000, 1000);
    try (Generator generator = new Generator(settings)) {
      generator.start();

      try (Socket first = connect(generator);
          Socket second = connect(generator)) {
        List<String> fromFirst = readAll(reader(first));
        List<String> fromSecond = readAll(reader(second));

        assertThat(fromFirst).isEqualTo(expectedLines(settings, 0, 1000));
        // The second joined a moment later, so it sees a tail of the same sequence.
        assertThat(fromSecond).isNotEmpty();
        assertThat(fromFirst).endsWith(fromSecond.toArray(String[]::new));
      }
    }
  }

  @Test
  void should_generate_nothing_while_no_client_is_connected() throws Exception {
    try (Generator generator = new Generator(settings(0, 0))) {
      generator.start();
      Thread.sleep(200);
      assertThat(generator.sent()).isZero();
      assertThat(generator.startMillis()).isEmpty();

      try (Socket socket = connect(generator)) {
        read(reader(socket), 10);
      }
      waitUntilNoClient(generator);
      long sentWhenLeft = generator.sent();
      Thread.sleep(200);

      assertThat(generator.sent()).isEqualTo(sentWhenLeft);
      assertThat(generator.startMillis()).hasValue(START_MILLIS);
    }
  }

  @Test
  void should_keep_serving_after_a_client_drops_mid_stream() throws IOException {
    GeneratorSettings settings = settings(0, 0);
    try (Generator generator = new Generator(settings)) {
      generator.start();
      // leaving connects first: one pump writes to every client, and staying, unread, stalls it
      // once its buffers fill; leaving must have its lines before then.
      try (Socket leaving = connect(generator);
          Socket staying = connect(generator)) {
        BufferedReader stayingReader = reader(staying);
        try (leaving) {
          read(reader(leaving), 10);
        } // leaving drops mid-stream: closed here (closing it again at the end does nothing)

        waitUntilClients(generator, 1);
        assertThat(read(stayingReader, 100_000)).doesNotContainNull();
      }
    }
  }

  @Test
  void should_serve_no_more_to_a_client_connecting_after_all_events() throws IOException {
    try (Generator generator = new Generator(settings(0, 10))) {
      generator.start();
      int port = generator.port();
      try (Socket socket = connect(generator)) {
        assertThat(readAll(reader(socket))).hasSize(10);
      }
      assertThat(generator.awaitCompletion(PATIENCE)).isTrue();

      // Refused, or (if the kernel completed the handshake while the listener was closing)
      // ended or reset at once. A client left waiting would fail with a read timeout instead.
      List<String> late;
      try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
        socket.setSoTimeout((int) PATIENCE.toMillis());
        late = readAll(reader(socket));
      } catch (SocketException refusedOrReset) {
        late = List.of();
      }
      assertThat(late).isEmpty();
    }
  }

  @Test
  void should_report_no_completion_for_an_unbounded_run() {
    try (Generator generator = new Generator(settings(1000, 0))) {
      generator.start();

      assertThat(generator.awaitCompletion(Duration.ofMillis(50))).isFalse();
    }
  }

  @Test
  void should_fail_to_start_on_a_port_already_in_use() {
    try (Generator first = new Generator(settings(1000, 0))) {
      first.start();
      GeneratorSettings samePort =
          TestSettings.with(
              GeneratorSetting.PORT.key(), first.port(), GeneratorSetting.START_TIME.key(), START);

      try (Generator second = new Generator(samePort)) {
        assertThatThrownBy(second::start)
            .isInstanceOf(UncheckedIOException.class)
            .hasMessageContaining(String.valueOf(first.port()));
      }
    }
  }

  private static void waitUntilNoClient(Generator generator) throws IOException {
    waitUntilClients(generator, 0);
  }

  /** The generator notices a departed client only on its next write; give it that chance. */
  private static void waitUntilClients(Generator generator, int clients) throws IOException {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (generator.clients() != clients) {
      if (System.nanoTime() > deadline) {
        throw new IOException("still " + generator.clients() + " client(s)");
      }
      Thread.onSpinWait();
    }
  }
}
