package ssa.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ssa.bench.BatchWindow.Batch;
import ssa.bench.JobProbe.Result;
import ssa.bench.JobProbe.Spec;

/** The report is made once, after the whole run: it must not fail on any kind of probe. */
class SubmittedStreamingBenchReportTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @TempDir Path dir;

  private static Spec spec(String section, int keys, long rate, String trigger, Integer writes) {
    return new Spec(
        section,
        section + " probe",
        keys,
        rate,
        trigger,
        writes,
        10_000_000,
        Duration.ofSeconds(20),
        Duration.ofSeconds(60),
        false,
        null);
  }

  private static Result result(Spec spec, double processed, double busy, boolean keptUp) {
    List<Batch> batches = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      batches.add(
          new Batch(
              i + 1,
              10_000L * (i + 1),
              T0.plusSeconds(10 * i),
              T0.plusSeconds(10 * i),
              T0.plusSeconds(10 * i + 2 + i)));
    }
    return new Result(
        spec,
        null,
        T0,
        T0.plusSeconds(60),
        T0.plusSeconds(60),
        processed,
        processed * 0.9,
        busy,
        1000,
        keptUp ? 1000 : 50_000,
        true,
        keptUp,
        batches,
        60_000,
        0,
        OptionalLong.of(2500),
        OptionalLong.of(4000),
        Map.of("ssa_end_to_end_latency_seconds", "2.5"),
        210_000,
        Double.NaN,
        1.5,
        Path.of("job.log"),
        spec.settles() ? "4 s" : "");
  }

  @Test
  void everySectionIsReportedWithFailuresAndGapsAlike() {
    SubmittedStreamingBench bench =
        new SubmittedStreamingBench(
            SubmittedStreamingBench.Options.parse(new String[0]), null, dir);
    SubmittedStreamingBench.Summary fifty = new SubmittedStreamingBench.Summary(50);
    fifty.floodRate = 30_000;
    fifty.capacity = result(spec("capacity", 50, 30_000, "5s", null), 20_000, 0.99, false);
    fifty.sustained = 17_000;
    fifty.latencyRate = 8_500;
    fifty.latencyRateFrom = "half the sustained rate";
    fifty.latency1s = result(spec("latency", 50, 8_500, "1s", null), 8_500, 0.6, true);
    fifty.latency5s =
        Result.failed(
            spec("latency", 50, 8_500, "5s", null),
            "the job exited with 1 | x",
            Path.of("job.log"));
    fifty.bestBatched = new RawIngestCeiling.Result(50, 50, 128, 80_000, 100, 0, 0, null);
    fifty.bestSingle = new RawIngestCeiling.Result(50, 1, 32, 30_000, 1000, 2, 2, "Timeout | x");
    fifty.tuning.add(result(spec("tuning", 50, 30_000, "15s", 20), 21_000, 0.5, true));
    SubmittedStreamingBench.Summary many = new SubmittedStreamingBench.Summary(5000);
    bench.summaries.put(50, fifty);
    bench.summaries.put(5000, many);
    bench.probes.add(fifty.capacity);
    bench.probes.add(fifty.latency1s);
    bench.probes.add(fifty.latency5s);
    bench.probes.addAll(fifty.tuning);
    bench.ceilings.add(fifty.bestBatched);
    bench.ceilings.add(fifty.bestSingle);
    bench.note("a note with 100% in it");

    String report = bench.report("2026-01-01");

    assertThat(report)
        .contains("## Summary", "## Probes", "## Ceiling", "## Fixed cost", "## Tuning", "## Notes")
        .contains("| ours sustained / batched ceiling | 0.21 | n/a |")
        .contains("failed: the job exited with 1 / x")
        .contains("| sustained (events/s, backlog not growing) | 17,000 | not run |")
        .contains("a note with 100% in it")
        // A format that failed is kept verbatim: no conversion is left unformatted.
        .doesNotContain("%s", "%d", "%,", "%.");
  }

  @Test
  void theSustainedSearchNarrowsToFivePercent() {
    // 55,000 x 1.15 is 63,249.99... in floating point: rates round down to 250.
    assertThat(SubmittedStreamingBench.nextSustainedRate(55_000, -1)).isEqualTo(63_000);
    assertThat(SubmittedStreamingBench.nextSustainedRate(0, 63_000)).isEqualTo(53_500);
    assertThat(SubmittedStreamingBench.nextSustainedRate(55_000, 63_000)).isEqualTo(59_000);
    assertThat(SubmittedStreamingBench.nextSustainedRate(59_000, 63_000)).isEqualTo(61_000);
    assertThat(SubmittedStreamingBench.nextSustainedRate(61_000, 63_000)).isEqualTo(-1);
  }
}
