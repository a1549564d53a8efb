package ssa.incremental;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import ssa.incremental.IncrementalPlan.DayRead;
import ssa.rollup.Grain;
import ssa.store.RawIndex.DayArrival;

class IncrementalPlanTest {
  private static final LocalDate MAY_26 = LocalDate.parse("2016-05-26");
  private static final LocalDate MAY_27 = LocalDate.parse("2016-05-27");
  private static final Instant NOON_27 = Instant.parse("2016-05-27T12:00:00Z");

  private static DayRead whole(LocalDate day) {
    return new DayRead(
        day,
        day.atStartOfDay(java.time.ZoneOffset.UTC).toInstant(),
        day.plusDays(1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant());
  }

  /** An index that knows no arrival times: every day with new events is read whole. */
  private static final IncrementalPlan.NewArrivals UNKNOWN = (day, after) -> Optional.empty();

  private static IncrementalState state(Grain period, String lastPeriodStart, Instant received) {
    return new IncrementalState("t", period, Instant.parse(lastPeriodStart), received, received);
  }

  @Test
  void should_read_every_day_without_a_committed_state() {
    List<DayArrival> days =
        List.of(new DayArrival(MAY_26, NOON_27), new DayArrival(MAY_27, NOON_27));
    IncrementalPlan plan =
        IncrementalPlan.of(
            Optional.empty(), Grain.DAY, 0, days, UNKNOWN, Optional.empty(), Optional.empty());
    assertThat(plan.reads()).containsExactly(whole(MAY_26), whole(MAY_27));
  }

  @Test
  void should_read_the_given_number_of_periods_before_the_last_processed_one_too() {
    Instant later = Instant.parse("2016-05-27T20:00:00Z");
    List<DayArrival> days = List.of(new DayArrival(MAY_26, NOON_27), new DayArrival(MAY_27, later));
    IncrementalPlan plan =
        IncrementalPlan.of(
            Optional.of(state(Grain.HOUR, "2016-05-27T01:00:00Z", later)),
            Grain.HOUR,
            3,
            days,
            UNKNOWN,
            Optional.empty(),
            Optional.empty());
    assertThat(plan.windowStart()).isEqualTo(Instant.parse("2016-05-26T22:00:00Z"));
    assertThat(plan.reads())
        .containsExactly(
            new IncrementalPlan.DayRead(
                MAY_26, Instant.parse("2016-05-26T22:00:00Z"), whole(MAY_26).until()),
            whole(MAY_27));
  }

  @Test
  void should_read_from_the_last_processed_period_only() {
    // The worked example: after a run at 27 May 12:00, three more events arrive on 27 May.
    Instant later = Instant.parse("2016-05-27T20:00:00Z");
    List<DayArrival> days = List.of(new DayArrival(MAY_26, NOON_27), new DayArrival(MAY_27, later));
    IncrementalPlan plan =
        IncrementalPlan.of(
            Optional.of(state(Grain.DAY, "2016-05-27T00:00:00Z", NOON_27)),
            Grain.DAY,
            0,
            days,
            UNKNOWN,
            Optional.empty(),
            Optional.empty());
    assertThat(plan.reads()).containsExactly(whole(MAY_27));
    assertThat(plan.windowStart()).isEqualTo(Instant.parse("2016-05-27T00:00:00Z"));
  }

  @Test
  void should_read_the_last_day_from_the_period_start_for_a_finer_period() {
    List<DayArrival> days =
        List.of(new DayArrival(MAY_26, NOON_27), new DayArrival(MAY_27, NOON_27));
    IncrementalPlan plan =
        IncrementalPlan.of(
            Optional.of(state(Grain.HOUR, "2016-05-27T11:00:00Z", NOON_27)),
            Grain.HOUR,
            0,
            days,
            UNKNOWN,
            Optional.empty(),
            Optional.empty());
    assertThat(plan.reads())
        .containsExactly(
            new DayRead(
                MAY_27,
                Instant.parse("2016-05-27T11:00:00Z"),
                Instant.parse("2016-05-28T00:00:00Z")));
  }

  @Test
  void should_read_an_older_day_again_when_late_events_arrived_for_it() {
    Instant later = Instant.parse("2016-05-28T09:00:00Z");
    List<DayArrival> days = List.of(new DayArrival(MAY_26, later), new DayArrival(MAY_27, NOON_27));
    IncrementalPlan plan =
        IncrementalPlan.of(
            Optional.of(state(Grain.DAY, "2016-05-27T00:00:00Z", NOON_27)),
            Grain.DAY,
            0,
            days,
            UNKNOWN,
            Optional.empty(),
            Optional.empty());
    assertThat(plan.reads()).containsExactly(whole(MAY_26), whole(MAY_27));
  }

  @Test
  void should_cut_a_backfill_to_its_range_widened_to_whole_periods() {
    List<DayArrival> days =
        List.of(new DayArrival(MAY_26, NOON_27), new DayArrival(MAY_27, NOON_27));
    IncrementalPlan plan =
        IncrementalPlan.of(
            Optional.empty(),
            Grain.HOUR,
            0,
            days,
            UNKNOWN,
            Optional.of(Instant.parse("2016-05-26T22:30:00Z")),
            Optional.of(Instant.parse("2016-05-27T01:15:00Z")));
    assertThat(plan.reads())
        .containsExactly(
            new DayRead(
                MAY_26,
                Instant.parse("2016-05-26T22:00:00Z"),
                Instant.parse("2016-05-27T00:00:00Z")),
            new DayRead(
                MAY_27,
                Instant.parse("2016-05-27T00:00:00Z"),
                Instant.parse("2016-05-27T02:00:00Z")));
  }

  @Test
  void should_read_a_day_with_new_events_from_the_period_of_the_oldest_of_them() {
    // An hourly run committed 11:00 at noon; since then, 26 May got a late event at 23:10 and
    // 27 May events from 09:40 on (late ones too) up to 13:00.
    Instant later = Instant.parse("2016-05-27T13:00:00Z");
    List<DayArrival> days = List.of(new DayArrival(MAY_26, later), new DayArrival(MAY_27, later));
    IncrementalPlan.NewArrivals index =
        (day, after) -> {
          assertThat(after).isEqualTo(NOON_27);
          return Optional.of(
              Instant.parse(day.equals(MAY_26) ? "2016-05-26T23:10:00Z" : "2016-05-27T09:40:00Z"));
        };
    IncrementalPlan plan =
        IncrementalPlan.of(
            Optional.of(state(Grain.HOUR, "2016-05-27T11:00:00Z", NOON_27)),
            Grain.HOUR,
            0,
            days,
            index,
            Optional.empty(),
            Optional.empty());
    assertThat(plan.reads())
        .containsExactly(
            new DayRead(
                MAY_26,
                Instant.parse("2016-05-26T23:00:00Z"),
                Instant.parse("2016-05-27T00:00:00Z")),
            new DayRead(
                MAY_27,
                Instant.parse("2016-05-27T09:00:00Z"),
                Instant.parse("2016-05-28T00:00:00Z")));
  }

  @Test
  void should_read_a_day_with_new_events_whole_when_the_index_cannot_tell_when() {
    Instant later = Instant.parse("2016-05-27T13:00:00Z");
    List<DayArrival> days = List.of(new DayArrival(MAY_27, later));
    IncrementalPlan plan =
        IncrementalPlan.of(
            Optional.of(state(Grain.HOUR, "2016-05-27T11:00:00Z", NOON_27)),
            Grain.HOUR,
            0,
            days,
            UNKNOWN,
            Optional.empty(),
            Optional.empty());
    assertThat(plan.reads()).containsExactly(whole(MAY_27));
  }
}
