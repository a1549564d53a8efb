package ssa.bench;

import com.datastax.oss.driver.api.core.CqlSession;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import ssa.bench.BatchWindow.Batch;
import ssa.config.JobSettings;
import ssa.store.Sessions;

/**
 * The same events drained by the job through {@code ssa-tcp} and through Kafka, one after the other
 * in the same run: the generator holds N events (all available at once), the topic gets the same N
 * lines, and the job ({@code run.sh submit}, as users run it) reads each from the start with the
 * same batch cap, on a fresh keyspace and checkpoint. Kafka runs twice: with the default copy
 * dropping (dedupe-window, a stateful step) and without it.
 *
 * <p>Usage: {@code ./run.sh bench sources [--keys=50,5000] [--lines=1000000] [--cap=100000]
 * [--label=NAME]}
 */
public final class SourceBench {
  private static final String JOB_NAME = JobProbe.JOB_NAME;
  private static final String KEYSPACE = "bench_sources";
  private static final String BOOTSTRAP = "127.0.0.1:9092";
  private static final int GENERATOR_PORT = 9871;
  private static final int MONITORING_PORT = 9872;
  private static final Duration DRAIN_LIMIT = Duration.ofMinutes(20);

  private record Probe(String name, String format, boolean dedupe) {}

  private record Drained(
      Probe probe, long lines, int batches, Duration total, Duration afterFirst, long firstLines) {
    double perSecond() {
      return lines / seconds(total);
    }

    /** Without the first batch, which also pays for the job's cold start. */
    double steadyPerSecond() {
      return (lines - firstLines) / seconds(afterFirst);
    }
  }

  private static final List<Probe> PROBES =
      List.of(
          new Probe("ssa-tcp", "ssa-tcp", false),
          new Probe("kafka", "kafka", true),
          new Probe("kafka, dedupe-window = 0", "kafka", false));

  public static void main(String[] args) throws Exception {
    Map<String, String> options = new LinkedHashMap<>();
    options.put("keys", "50,5000");
    options.put("lines", "1000000");
    options.put("cap", "100000");
    options.put("label", "run");
    for (String arg : args) {
      String[] kv = arg.replaceFirst("^--", "").split("=", 2);
      if (kv.length != 2 || !options.containsKey(kv[0])) {
        System.err.println("sources bench: unknown option " + arg + "; takes " + options.keySet());
        System.exit(2);
      }
      options.put(kv[0], kv[1]);
    }
    long lines = Long.parseLong(options.get("lines"));
    long cap = Long.parseLong(options.get("cap"));
    Path root = Path.of(System.getProperty("ssa.root", ".")).toAbsolutePath();
    Path logDir = root.resolve(".ssa/logs/bench-sources-" + System.currentTimeMillis() / 1000);
    Files.createDirectories(logDir);
    StringBuilder report = new StringBuilder();
    report.append(
        String.format(
            "sources bench %s: %,d events per key count, batch cap %,d lines, trigger 1 s,"
                + " run.sh submit (local[2])%n%n",
            LocalDate.now(), lines, cap));
    try (CqlSession session = Sessions.open(JobSettings.load(Optional.empty()).cassandra())) {
      for (String keys : options.get("keys").split(",")) {
        List<Drained> drained = new ArrayList<>();
        ChildProcess generator = startGenerator(root, Integer.parseInt(keys), lines, logDir);
        try {
          String topic = "bench-sources-" + keys + "-" + System.currentTimeMillis();
          Duration filled = fill(topic, lines);
          report.append(
              String.format(
                  "%s keys: topic %s (2 partitions) filled with the generator's %,d lines in %.1f s"
                      + " (%,.0f lines/s, acks=all, idempotent)%n",
                  keys, topic, lines, seconds(filled), lines / seconds(filled), topic));
          for (Probe probe : PROBES) {
            drained.add(drain(session, root, probe, topic, lines, cap, keys, logDir));
          }
        } finally {
          generator.stop(Duration.ofSeconds(10));
        }
        double base = drained.get(0).steadyPerSecond();
        report.append(
            String.format(
                "| source | batches | drain s | lines/s | lines/s after the first batch |"
                    + " vs ssa-tcp |%n|---|---|---|---|---|---|%n"));
        for (Drained d : drained) {
          report.append(
              String.format(
                  "| %s | %d | %.1f | %,.0f | %,.0f | %.2f |%n",
                  d.probe().name(),
                  d.batches(),
                  seconds(d.total()),
                  d.perSecond(),
                  d.steadyPerSecond(),
                  d.steadyPerSecond() / base));
        }
        report.append('\n');
      }
    }
    System.out.println(report);
    Path results =
        root.resolve(
            "bench/results-" + LocalDate.now() + "-sources-" + options.get("label") + ".txt");
    Files.writeString(results, report.toString(), StandardCharsets.UTF_8);
    JobProbe.say("results written to %s (logs in %s)", results, logDir);
  }

  private static ChildProcess startGenerator(Path root, int keys, long lines, Path logDir)
      throws Exception {
    ChildProcess generator =
        ChildProcess.start(
            "generator",
            List.of(
                "java",
                "-jar",
                JobProbe.generatorJar(root).toString(),
                "--port",
                Integer.toString(GENERATOR_PORT),
                "--rate",
                "0",
                "--count",
                Long.toString(lines),
                // Served to the topic first, then to the job: it must not exit in between.
                "--linger",
                "1h",
                "--keys",
                Integer.toString(keys),
                "--seed",
                "7",
                "--start-time",
                "2026-12-01T00:00:00Z"),
            Map.of(),
            root,
            logDir.resolve("generator-" + keys + "keys.log"));
    JobProbe.awaitListening(generator);
    return generator;
  }

  /** Copies the generator's events [0, lines) into a new topic, every one acknowledged. */
  private static Duration fill(String topic, long lines) throws Exception {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP))) {
      admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get();
    }
    Instant started = Instant.now();
    try (KafkaProducer<String, String> producer =
            new KafkaProducer<>(
                Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    BOOTSTRAP,
                    ProducerConfig.ACKS_CONFIG,
                    "all",
                    ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                    true,
                    ProducerConfig.LINGER_MS_CONFIG,
                    20,
                    ProducerConfig.BATCH_SIZE_CONFIG,
                    262_144,
                    ProducerConfig.COMPRESSION_TYPE_CONFIG,
                    "none"),
                new StringSerializer(),
                new StringSerializer());
        Socket socket = new Socket("127.0.0.1", GENERATOR_PORT)) {
      OutputStream out = socket.getOutputStream();
      out.write(("RANGE 0 " + lines + "\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      BufferedReader in =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8), 1 << 20);
      String answer = in.readLine();
      if (!"OK".equals(answer)) {
        throw new IOException("generator answered " + answer);
      }
      long sent = 0;
      for (String line; (line = in.readLine()) != null; sent++) {
        producer.send(new ProducerRecord<>(topic, line));
      }
      producer.flush();
      if (sent != lines) {
        throw new IOException("the generator sent " + sent + " lines, not " + lines);
      }
    }
    return Duration.between(started, Instant.now());
  }

  private static Drained drain(
      CqlSession session,
      Path root,
      Probe probe,
      String topic,
      long lines,
      long cap,
      String keys,
      Path logDir)
      throws Exception {
    session.execute("DROP KEYSPACE IF EXISTS " + KEYSPACE);
    String tag = keys + "keys-" + probe.name().replaceAll("[^a-z0-9]+", "-");
    Path checkpoint = Files.createTempDirectory(logDir, tag + "-checkpoint");
    Map<String, String> env = new LinkedHashMap<>();
    env.put("SSA_HOME", null);
    env.put("SSA_JOB_NAME", JOB_NAME);
    env.put("SSA_KEYSPACE", KEYSPACE);
    env.put("SSA_TRIGGER_INTERVAL", "1s");
    env.put("SSA_MAX_LINES_PER_BATCH", Long.toString(cap));
    env.put("SSA_MONITORING_PORT", Integer.toString(MONITORING_PORT));
    env.put("SSA_CHECKPOINT_LOCATION", checkpoint.toUri().toString());
    env.put("SSA_SOURCE_FORMAT", probe.format());
    env.put("SSA_SOURCE_HOST", "127.0.0.1");
    env.put("SSA_SOURCE_PORT", Integer.toString(GENERATOR_PORT));
    env.put("SSA_KAFKA_BOOTSTRAP_SERVERS", BOOTSTRAP);
    env.put("SSA_KAFKA_TOPIC", topic);
    Path conf = logDir.resolve(tag + ".conf");
    Files.writeString(
        conf,
        "include file(\""
            + root.resolve("conf/application.conf")
            + "\")\n"
            + (probe.format().equals("kafka") && !probe.dedupe()
                ? "ssa.job.source.kafka.dedupe-window = 0\n"
                : ""));
    env.put("SSA_CONF", conf.toString());
    Path log = logDir.resolve(tag + "-job.log");
    JobProbe.say("%s keys, %s: draining %,d lines (log %s)", keys, probe.name(), lines, log);
    ChildProcess job = ChildProcess.start("job", List.of("./run.sh", "submit"), env, root, log);
    try {
      Instant deadline = Instant.now().plus(DRAIN_LIMIT);
      while (true) {
        List<Batch> batches = batches(session);
        long done = batches.stream().mapToLong(Batch::inputLines).sum();
        if (done >= lines) {
          return drained(probe, batches, done);
        }
        if (!job.alive() || Instant.now().isAfter(deadline)) {
          throw new IOException(
              probe.name() + ": " + done + " of " + lines + " lines in; " + job.tail(15));
        }
        Thread.sleep(2_000);
      }
    } finally {
      job.stop(Duration.ofSeconds(30));
      session.execute("DROP KEYSPACE IF EXISTS " + KEYSPACE);
    }
  }

  private static Drained drained(Probe probe, List<Batch> all, long lines) {
    List<Batch> batches =
        all.stream()
            .filter(b -> b.inputLines() > 0)
            .sorted(Comparator.comparing(Batch::startedAt))
            .toList();
    Batch first = batches.get(0);
    Instant end = batches.stream().map(Batch::finishedAt).max(Comparator.naturalOrder()).get();
    JobProbe.say(
        "  %d batches, first %,d lines in %d ms, all in %.1f s",
        batches.size(),
        first.inputLines(),
        first.duration().toMillis(),
        seconds(Duration.between(first.startedAt(), end)));
    return new Drained(
        probe,
        lines,
        batches.size(),
        Duration.between(first.startedAt(), end),
        Duration.between(first.finishedAt(), end),
        first.inputLines());
  }

  private static List<Batch> batches(CqlSession session) {
    try {
      return JobProbe.batches(session, KEYSPACE);
    } catch (RuntimeException e) {
      // The job has not made its keyspace yet.
      return List.of();
    }
  }

  private static double seconds(Duration d) {
    return d.toMillis() / 1000.0;
  }

  private SourceBench() {}
}
