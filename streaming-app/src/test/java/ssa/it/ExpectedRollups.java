package ssa.it;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import ssa.generator.EventFactory;
import ssa.generator.GeneratedEvent;
import ssa.generator.GeneratorSettings;
import ssa.rollup.Grain;

/** The rollups a generator run must produce, computed from the generator's own events. */
final class ExpectedRollups {
  record BucketId(String grain, String key, Instant bucket) {}

  static final class Figures {
    long count;
    long errors;
    double sum;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
  }

  final Map<BucketId, Figures> buckets = new HashMap<>();
  final Map<String, Long> validPerKey = new HashMap<>();
  long valid;
  long malformed;

  /** The rollups of every event a generator with a start time and a count serves. */
  static ExpectedRollups of(GeneratorSettings settings) {
    return of(settings, settings.startTime().orElseThrow().toEpochMilli(), settings.count());
  }

  private static ExpectedRollups of(GeneratorSettings settings, long startMillis, long count) {
    ExpectedRollups expected = new ExpectedRollups();
    EventFactory factory = new EventFactory(settings, startMillis);
    for (long n = 0; n < count; n++) {
      GeneratedEvent event = factory.event(n);
      if (event.malformed()) {
        expected.malformed++;
        continue;
      }
      expected.add(
          event.key(),
          Instant.ofEpochMilli(event.timestampMillis()),
          event.status(),
          event.latencyMs());
    }
    return expected;
  }

  /** The rollups of the events stored in events_raw: what the rollup tables must agree with. */
  static ExpectedRollups ofRawEvents(List<org.apache.spark.sql.Row> raw) {
    ExpectedRollups expected = new ExpectedRollups();
    for (org.apache.spark.sql.Row row : raw) {
      Map<String, String> attributes = row.getJavaMap(row.fieldIndex("attributes"));
      Map<String, Double> measures = row.getJavaMap(row.fieldIndex("measures"));
      expected.add(
          row.getString(row.fieldIndex("key")),
          row.getTimestamp(row.fieldIndex("event_time")).toInstant(),
          Integer.parseInt(attributes.get("status")),
          measures.get("latency_ms"));
    }
    return expected;
  }

  private void add(String key, Instant time, int status, double latency) {
    valid++;
    validPerKey.merge(key, 1L, Long::sum);
    for (Grain grain : Grain.values()) {
      Figures f =
          buckets.computeIfAbsent(
              new BucketId(grain.id(), key, grain.bucketStart(time)), b -> new Figures());
      f.count++;
      f.errors += status >= 500 ? 1 : 0;
      f.sum += latency;
      f.min = Math.min(f.min, latency);
      f.max = Math.max(f.max, latency);
    }
  }
}
