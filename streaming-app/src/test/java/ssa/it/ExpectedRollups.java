package ssa.it;

import java.time.Instant;
import java.util.HashMap;
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

  static ExpectedRollups of(GeneratorSettings settings, long startMillis, long count) {
    ExpectedRollups expected = new ExpectedRollups();
    EventFactory factory = new EventFactory(settings, startMillis);
    for (long n = 0; n < count; n++) {
      GeneratedEvent event = factory.event(n);
      if (event.malformed()) {
        expected.malformed++;
        continue;
      }
      expected.valid++;
      expected.validPerKey.merge(event.key(), 1L, Long::sum);
      Instant time = Instant.ofEpochMilli(event.timestampMillis());
      for (Grain grain : Grain.values()) {
        Figures f =
            expected.buckets.computeIfAbsent(
                new BucketId(grain.id(), event.key(), grain.bucketStart(time)), b -> new Figures());
        f.count++;
        f.errors += event.status() >= 500 ? 1 : 0;
        f.sum += event.latencyMs();
        f.min = Math.min(f.min, event.latencyMs());
        f.max = Math.max(f.max, event.latencyMs());
      }
    }
    return expected;
  }
}
