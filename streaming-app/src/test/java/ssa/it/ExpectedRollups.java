package ssa.it;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import ssa.generator.EventFactory;
import ssa.generator.GeneratedEvent;
import ssa.generator.GeneratorSettings;
import ssa.rollup.Grain;
import ssa.rollup.GroupKey;

/**
 * The rollups a generator run must produce under the default definitions (per_api: counts, latency
 * figures and percentiles, distinct clients; per_api_status: counts), computed from the generator's
 * own events.
 */
final class ExpectedRollups {
  static final String PER_API = "per_api";
  static final String PER_API_STATUS = "per_api_status";

  record BucketId(String rollup, String grain, String key, Instant bucket) {}

  static final class Figures {
    long count;
    long errors;
    double sum;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    final List<Double> latencies = new ArrayList<>();
    final Set<String> clients = new HashSet<>();

    /** The nearest-rank percentile of the latencies, as the quantile sketch defines it. */
    double percentile(double p) {
      List<Double> sorted = new ArrayList<>(latencies);
      sorted.sort(null);
      int rank = Math.max(1, (int) Math.ceil(p / 100 * sorted.size()));
      return sorted.get(rank - 1);
    }
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
          event.latencyMs(),
          event.client());
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
          measures.get("latency_ms"),
          attributes.get("client"));
    }
    return expected;
  }

  private void add(String api, Instant time, int status, double latency, String client) {
    valid++;
    validPerKey.merge(api, 1L, Long::sum);
    String apiStatus = GroupKey.of(new String[] {api, Integer.toString(status)});
    for (Grain grain : Grain.values()) {
      Figures f = figures(PER_API, grain, api, time);
      f.count++;
      f.errors += status >= 500 ? 1 : 0;
      f.sum += latency;
      f.min = Math.min(f.min, latency);
      f.max = Math.max(f.max, latency);
      f.latencies.add(latency);
      if (client != null) {
        f.clients.add(client);
      }
      Figures byStatus = figures(PER_API_STATUS, grain, apiStatus, time);
      byStatus.count++;
      byStatus.errors += status >= 500 ? 1 : 0;
    }
  }

  private Figures figures(String rollup, Grain grain, String key, Instant time) {
    return buckets.computeIfAbsent(
        new BucketId(rollup, grain.id(), key, grain.bucketStart(time)), b -> new Figures());
  }
}
