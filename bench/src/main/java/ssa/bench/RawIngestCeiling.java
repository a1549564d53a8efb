package ssa.bench;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import ssa.generator.EventFactory;
import ssa.generator.GeneratedEvent;
import ssa.generator.GeneratorSettings;

/**
 * Baseline (c), the ceiling: Cassandra alone taking the same raw rows through the Java driver,
 * asynchronous writes with a bounded number in flight; no Spark, no parsing, no rollups.
 */
final class RawIngestCeiling {
  private static final int IN_FLIGHT = 256;

  /** Rows per second written over {@code window}, after {@code warmup}. */
  static double rowsPerSecond(
      CqlSession session, String keyspace, GeneratorSettings generated, Duration warmup,
      Duration window) throws InterruptedException {
    PreparedStatement insert =
        session.prepare(
            "INSERT INTO " + keyspace + ".events_raw (key, day, event_time, id, received_at,"
                + " measures, attributes) VALUES (?, ?, ?, ?, ?, ?, ?)");
    EventFactory events = new EventFactory(generated, System.currentTimeMillis());
    Semaphore inFlight = new Semaphore(IN_FLIGHT);
    AtomicLong written = new AtomicLong();
    long start = System.nanoTime();
    long measureFrom = start + warmup.toNanos();
    long end = measureFrom + window.toNanos();
    long atMeasureStart = -1;
    for (long n = 0; System.nanoTime() < end; n++) {
      if (atMeasureStart < 0 && System.nanoTime() >= measureFrom) {
        atMeasureStart = written.get();
      }
      GeneratedEvent event = events.event(n);
      if (event.malformed()) {
        continue;
      }
      Instant time = Instant.ofEpochMilli(event.timestampMillis());
      inFlight.acquire();
      session
          .executeAsync(
              insert.bind(
                  event.key(), LocalDate.ofInstant(time, ZoneOffset.UTC), time, event.id(),
                  Instant.now(), Map.of("latency_ms", event.latencyMs()),
                  Map.of("status", Integer.toString(event.status()))))
          .whenComplete(
              (result, error) -> {
                inFlight.release();
                if (error == null) {
                  written.incrementAndGet();
                }
              });
    }
    inFlight.acquire(IN_FLIGHT);
    return (written.get() - atMeasureStart) / (window.toNanos() / 1e9);
  }

  private RawIngestCeiling() {}
}
