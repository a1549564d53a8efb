package ssa.rollup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class GrainTest {
  private static Instant at(String iso) {
    return Instant.parse(iso);
  }

  @Test
  void should_put_the_last_millisecond_before_midnight_in_the_old_day() {
    Instant t = at("2023-12-31T23:59:59.999Z");
    assertThat(Grain.MINUTE.bucketStart(t)).isEqualTo(at("2023-12-31T23:59:00Z"));
    assertThat(Grain.HOUR.bucketStart(t)).isEqualTo(at("2023-12-31T23:00:00Z"));
    assertThat(Grain.DAY.bucketStart(t)).isEqualTo(at("2023-12-31T00:00:00Z"));
    assertThat(Grain.MONTH.bucketStart(t)).isEqualTo(at("2023-12-01T00:00:00Z"));
    assertThat(Grain.YEAR.bucketStart(t)).isEqualTo(at("2023-01-01T00:00:00Z"));
  }

  @Test
  void should_start_new_buckets_exactly_at_midnight_of_new_year() {
    Instant t = at("2024-01-01T00:00:00Z");
    for (Grain grain : Grain.values()) {
      assertThat(grain.bucketStart(t)).as(grain.id()).isEqualTo(t);
      assertThat(grain.bucketEnd(t.minusMillis(1))).as(grain.id()).isEqualTo(t);
    }
  }

  @Test
  void should_keep_the_leap_day_in_february() {
    Instant leap = at("2024-02-29T12:34:56Z");
    assertThat(Grain.DAY.bucketStart(leap)).isEqualTo(at("2024-02-29T00:00:00Z"));
    assertThat(Grain.DAY.bucketEnd(leap)).isEqualTo(at("2024-03-01T00:00:00Z"));
    assertThat(Grain.MONTH.bucketStart(leap)).isEqualTo(at("2024-02-01T00:00:00Z"));
    assertThat(Grain.MONTH.bucketEnd(leap)).isEqualTo(at("2024-03-01T00:00:00Z"));
    assertThat(ssa.store.RawDay.of(leap)).hasToString("2024-02-29");
  }

  @Test
  void should_end_months_on_their_own_last_day() {
    assertThat(Grain.MONTH.bucketEnd(at("2023-02-28T23:59:59Z")))
        .isEqualTo(at("2023-03-01T00:00:00Z"));
    assertThat(Grain.MONTH.bucketEnd(at("2023-04-30T10:00:00Z")))
        .isEqualTo(at("2023-05-01T00:00:00Z"));
    assertThat(Grain.MONTH.bucketEnd(at("2023-01-31T10:00:00Z")))
        .isEqualTo(at("2023-02-01T00:00:00Z"));
    assertThat(Grain.YEAR.bucketEnd(at("2024-07-01T00:00:00Z")))
        .isEqualTo(at("2025-01-01T00:00:00Z"));
  }

  @Test
  void should_partition_each_grain_by_the_next_coarser_period() {
    Instant t = at("2024-02-29T23:59:30Z");
    assertThat(Grain.MINUTE.periodStart(t)).isEqualTo(at("2024-02-29T00:00:00Z"));
    assertThat(Grain.HOUR.periodStart(t)).isEqualTo(at("2024-02-01T00:00:00Z"));
    assertThat(Grain.DAY.periodStart(t)).isEqualTo(at("2024-01-01T00:00:00Z"));
    assertThat(Grain.MONTH.periodStart(t)).isEqualTo(Grain.ALL_TIME);
    assertThat(Grain.YEAR.periodStart(t)).isEqualTo(Grain.ALL_TIME);
  }

  @Test
  void should_use_utc_whatever_the_default_time_zone() {
    java.util.TimeZone saved = java.util.TimeZone.getDefault();
    try {
      java.util.TimeZone.setDefault(java.util.TimeZone.getTimeZone("Pacific/Auckland"));
      assertThat(Grain.DAY.bucketStart(at("2024-03-10T20:00:00Z")))
          .isEqualTo(at("2024-03-10T00:00:00Z"));
      assertThat(ssa.store.RawDay.of(at("2024-03-10T20:00:00Z"))).hasToString("2024-03-10");
    } finally {
      java.util.TimeZone.setDefault(saved);
    }
  }

  @Test
  void should_handle_instants_before_the_epoch() {
    Instant t = at("1969-12-31T23:59:59.500Z");
    assertThat(Grain.MINUTE.bucketStart(t)).isEqualTo(at("1969-12-31T23:59:00Z"));
    assertThat(Grain.YEAR.bucketStart(t)).isEqualTo(at("1969-01-01T00:00:00Z"));
  }

  @Test
  void should_round_trip_grain_ids() {
    for (Grain grain : Grain.values()) {
      assertThat(Grain.byId(grain.id())).isEqualTo(grain);
    }
  }

  @Test
  void should_cut_a_range_where_the_storage_periods_of_the_grain_end() {
    java.util.List<Instant[]> slices =
        Grain.HOUR.periodSlices(
            Instant.parse("2026-01-31T22:00:00Z"), Instant.parse("2026-02-01T02:00:00Z"));
    assertThat(slices).hasSize(2);
    assertThat(slices.get(0)[1]).isEqualTo(Instant.parse("2026-02-01T00:00:00Z"));
    assertThat(
            Grain.YEAR.periodSlices(
                Instant.parse("2000-01-01T00:00:00Z"), Instant.parse("2030-01-01T00:00:00Z")))
        .hasSize(1);
  }
}
