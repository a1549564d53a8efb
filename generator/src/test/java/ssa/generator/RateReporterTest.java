package ssa.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The generator's progress line, read while a real client takes the live stream. */
class RateReporterTest {
  private static final Pattern LINE =
      Pattern.compile(
          "sent ([\\d,]+) events, ([\\d,]+) ev/s over last \\S+, (\\d+) live client\\(s\\),"
              + " (\\d+) pulling \\(([\\d,]+) ranges served\\), lag -?\\d+ ms");

  @Test
  void should_report_the_rate_the_total_and_the_connected_clients() throws Exception {
    GeneratorSettings settings =
        TestSettings.with(
            GeneratorSetting.PORT.key(),
            0,
            GeneratorSetting.RATE.key(),
            2_000,
            GeneratorSetting.COUNT.key(),
            0);
    List<String> lines = new CopyOnWriteArrayList<>();
    try (Generator generator = new Generator(settings);
        RateReporter reporter = new RateReporter(generator, Duration.ofMillis(250), lines::add)) {
      generator.start();
      reporter.start();
      try (Socket client = new Socket(InetAddress.getLoopbackAddress(), generator.port())) {
        BufferedReader reader =
            new BufferedReader(
                new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
        // Reads the stream until a whole report interval has passed with the client connected.
        long read = 0;
        while (read < 3_000) {
          assertThat(reader.readLine()).isNotNull();
          read++;
        }
        int seen = lines.size();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (lines.size() < seen + 2 && System.nanoTime() < deadline) {
          Thread.sleep(50);
        }
        assertThat(lines).as("reports after the client connected").hasSizeGreaterThan(seen + 1);

        Matcher report = LINE.matcher(lines.get(lines.size() - 1));
        assertThat(report.matches()).as("progress line %s", report).isTrue();
        assertThat(number(report.group(1))).as("total sent").isGreaterThanOrEqualTo(read);
        assertThat(number(report.group(2))).as("events per second").isPositive();
        assertThat(report.group(3)).as("live clients").isEqualTo("1");
        assertThat(report.group(4)).as("connections pulling ranges").isEqualTo("0");
      }
    }
  }

  private static long number(String grouped) {
    return Long.parseLong(grouped.replace(",", ""));
  }
}
