package ssa.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Drives the schedule with made-up times: no clock, no sleeping. */
class PacerTest {
  private static final long MS = 1_000_000L;
  private static final long T0 = 5_000 * MS;

  @Test
  void should_make_the_first_event_due_at_once_and_the_next_after_one_interval() {
    Pacer pacer = new Pacer(1000, Duration.ofSeconds(1));
    pacer.restart(T0);

    assertThat(pacer.due(T0)).isEqualTo(1);
    pacer.issued(1);
    assertThat(pacer.due(T0 + MS / 2)).isZero();
    assertThat(pacer.nanosUntilNext(T0 + MS / 2)).isEqualTo(MS / 2);
    assertThat(pacer.due(T0 + MS)).isEqualTo(1);
  }

  @Test
  void should_schedule_rate_events_per_second_however_the_writes_are_batched() {
    Pacer pacer = new Pacer(10_000, Duration.ofSeconds(1));
    pacer.restart(T0);

    long issued = 0;
    for (long now = T0; now < T0 + 1000 * MS; now += 3 * MS + 17) {
      long due = pacer.due(now);
      pacer.issued(due);
      issued += due;
    }

    assertThat(issued).isBetween(9_990L, 10_000L);
  }

  @Test
  void should_catch_up_at_most_the_catch_up_allowance_after_a_stall() {
    Pacer pacer = new Pacer(1000, Duration.ofMillis(200));
    pacer.restart(T0);
    pacer.issued(pacer.due(T0));

    long dueAfterStall = pacer.due(T0 + 5_000 * MS);

    assertThat(dueAfterStall).isEqualTo(200);
    assertThat(pacer.slipped()).isEqualTo(4_800);
    pacer.issued(dueAfterStall);
    assertThat(pacer.due(T0 + 5_000 * MS)).isZero();
    assertThat(pacer.due(T0 + 5_001 * MS)).isEqualTo(1);
  }

  @Test
  void should_not_make_up_for_a_pause_after_a_restart() {
    Pacer pacer = new Pacer(1000, Duration.ofSeconds(1));
    pacer.restart(T0);
    pacer.issued(pacer.due(T0 + 100 * MS));

    pacer.restart(T0 + 60_000 * MS);

    assertThat(pacer.due(T0 + 60_000 * MS)).isEqualTo(1);
    assertThat(pacer.lagNanos(T0 + 60_000 * MS)).isZero();
  }

  @Test
  void should_report_how_late_the_next_event_is() {
    Pacer pacer = new Pacer(1000, Duration.ofSeconds(1));
    pacer.restart(T0);
    pacer.issued(1);

    assertThat(pacer.lagNanos(T0 + 11 * MS)).isEqualTo(10 * MS);
  }

  @Test
  void should_always_offer_a_batch_when_the_rate_is_unlimited() {
    Pacer pacer = new Pacer(0, Duration.ofSeconds(1));
    pacer.restart(T0);

    assertThat(pacer.due(T0)).isEqualTo(Pacer.UNLIMITED_BATCH);
    assertThat(pacer.nanosUntilNext(T0)).isZero();
  }
}
