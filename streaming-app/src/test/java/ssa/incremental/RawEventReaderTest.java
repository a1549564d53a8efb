package ssa.incremental;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class RawEventReaderTest {
  private static final LocalDate DAY = LocalDate.parse("2026-03-01");

  @Test
  void should_read_the_hour_partitions_the_time_range_reaches_within_the_day() {
    assertThat(
            RawEventReader.hoursOf(
                DAY, Instant.parse("2026-03-01T10:15:00Z"), Instant.parse("2026-03-01T12:00:00Z")))
        .containsExactly((byte) 10, (byte) 11);
    assertThat(
            RawEventReader.hoursOf(
                DAY, Instant.parse("2026-02-28T00:00:00Z"), Instant.parse("2026-03-05T00:00:00Z")))
        .hasSize(24)
        .startsWith((byte) 0)
        .endsWith((byte) 23);
    assertThat(
            RawEventReader.hoursOf(
                DAY, Instant.parse("2026-03-01T23:59:59Z"), Instant.parse("2026-03-02T01:00:00Z")))
        .containsExactly((byte) 23);
    assertThat(
            RawEventReader.hoursOf(
                DAY, Instant.parse("2026-03-02T00:00:00Z"), Instant.parse("2026-03-02T01:00:00Z")))
        .isEmpty();
  }
}
