package ssa.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class RawArrivalsTest {
  private static final Instant DAY1 = Instant.parse("2026-12-06T23:59:00Z");
  private static final Instant DAY2 = Instant.parse("2026-12-07T00:01:00Z");
  private static final LocalDate D1 = LocalDate.parse("2026-12-06");
  private static final LocalDate D2 = LocalDate.parse("2026-12-07");

  @Test
  void should_keep_each_days_keys_newest_receipt_and_oldest_event_across_parts() {
    RawArrivals one = new RawArrivals();
    one.add("a", DAY1, DAY2.plusSeconds(5));
    one.add("b", DAY2, DAY2.plusSeconds(6));
    one.add("a", DAY1.minusSeconds(30), DAY2.plusSeconds(4));
    RawArrivals two = new RawArrivals();
    two.add("c", DAY2.minusSeconds(10), DAY2.plusSeconds(9));
    two.add("a", DAY2, DAY2.plusSeconds(1));

    one.addAll(two);

    assertThat(one.dayKeys())
        .containsExactlyInAnyOrder(
            new RawArrivals.DayKey(D1, "a"),
            new RawArrivals.DayKey(D2, "b"),
            new RawArrivals.DayKey(D2, "c"),
            new RawArrivals.DayKey(D2, "a"));
    assertThat(one.deliveries())
        .containsExactlyInAnyOrder(
            new RawIndex.Delivery(D1, DAY2.plusSeconds(5), DAY1.minusSeconds(30)),
            new RawIndex.Delivery(D2, DAY2.plusSeconds(9), DAY2.minusSeconds(10)));
    assertThat(two.dayKeys()).hasSize(2);
  }
}
