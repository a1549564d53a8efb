package ssa.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import ssa.store.BatchStats;

class JobMetricsTest {
  static BatchOutcome outcome(long batchId, long lines, long dead, long late) {
    Instant started = Instant.parse("2026-11-22T10:00:00Z");
    BatchStats stats =
        new BatchStats(
            "q",
            batchId,
            lines,
            lines - dead,
            dead,
            late,
            1,
            40,
            started.minusSeconds(60),
            started.minusSeconds(1),
            started,
            started.plusSeconds(2),
            false);
    return new BatchOutcome(
        stats, started.minusMillis(1500), started.plusMillis(1800), Map.of("tasks", 700L));
  }

  @Test
  void should_complete_a_batch_with_sparks_progress_and_add_it_to_the_totals() {
    JobMetrics metrics = new JobMetrics("ssa", java.time.Duration.ofSeconds(5));
    metrics.batchWritten(outcome(3, 1000, 10, 2));
    metrics.batchWritten(outcome(4, 500, 5, 0));
    BatchMetrics third = metrics.progress(3, 1000, 500.0, 800.0, 1250, 1000);
    metrics.progress(4, 500, 250.0, 900.0, 600, 500);

    assertThat(third.endToEndLatencyMs()).isEqualTo(3300);
    assertThat(third.line())
        .contains("batch 3: 1000 rows in, 500 rows/s in, 800 rows/s processed, 1250 ms")
        .contains("10 dead letters, 2 late")
        .contains("end-to-end latency 3300 ms")
        .contains("1 future")
        .contains("(tasks 700 ms, spark 250 ms)");
    assertThat(metrics.prometheus())
        .contains("# TYPE ssa_input_rows_total counter\nssa_input_rows_total{job=\"ssa\"} 1500\n")
        .contains("ssa_dead_letters_total{job=\"ssa\"} 15\n")
        .contains("ssa_late_events_total{job=\"ssa\"} 2\n")
        .contains("ssa_last_batch_id{job=\"ssa\"} 4.0\n")
        .contains("ssa_end_to_end_latency_seconds{job=\"ssa\"} 3.3\n");
    @SuppressWarnings("unchecked")
    Map<String, Object> last = (Map<String, Object>) metrics.status().get("last_batch");
    assertThat(last)
        .containsEntry("batch_id", 4L)
        .containsEntry("processed_rows_per_second", 900.0)
        .containsEntry("spark_ms", 100L);
  }

  @Test
  void should_ignore_progress_of_a_trigger_that_wrote_nothing() {
    JobMetrics metrics = new JobMetrics("ssa", java.time.Duration.ofSeconds(5));
    assertThat(metrics.progress(7, 0, 0, 0, 3, 0)).isNull();
    assertThat(metrics.prometheus())
        .contains("ssa_batches_total{job=\"ssa\"} 0\n")
        .doesNotContain("ssa_last_batch_id");
  }
}
