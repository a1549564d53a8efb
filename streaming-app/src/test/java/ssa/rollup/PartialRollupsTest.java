package ssa.rollup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PartialRollupsTest {
  private static final RollupDefinition PER_API =
      new RollupDefinition(
          "per_api",
          List.of("api"),
          List.of(Grain.values()),
          List.of("latency_ms"),
          List.of("client"),
          Map.of("latency_ms", List.of(50.0, 99.0)),
          Map.of());

  private static final Instant T = Instant.parse("2026-12-06T20:59:58Z");

  private static void add(
      PartialRollups sums, String key, Instant time, double latency, String client) {
    RollupInput event = new RollupInput(PER_API);
    event.key = key;
    event.measures[0] = latency;
    event.distinct[0] = client;
    event.quantiles[0] = latency;
    sums.add(time, latency > 100, event);
  }

  /** Events out of order across a minute's and an hour's edge, keys of every kind of text. */
  private static PartialRollups someEvents() {
    PartialRollups sums = new PartialRollups(PER_API, PER_API.grains());
    String[] keys = {"/api/a", "", "b|c\\d", "new\nline", "\uD83D\uDE00 non-BMP"};
    for (int i = 0; i < 200; i++) {
      Instant time = T.plusSeconds((i * 7) % 5 - 2);
      add(sums, keys[i % keys.length], time, i % 13 == 0 ? Double.NaN : i * 1.5, "c" + (i % 9));
    }
    return sums;
  }

  private static Map<RollupKey, RollupValue> values(PartialRollups sums) {
    return sums.rows().entrySet().stream()
        .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> e.getValue().toValue()));
  }

  @SuppressWarnings("unchecked")
  private static <T> T copied(T object) throws IOException, ClassNotFoundException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(object);
    }
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return (T) in.readObject();
    }
  }

  @Test
  void should_sum_each_event_into_its_bucket_of_every_grain() {
    PartialRollups sums = new PartialRollups(PER_API, PER_API.grains());
    add(sums, "/api/a", T, 10, "x");
    add(sums, "/api/a", T.plusSeconds(3), 30, "y");
    add(sums, "/api/a", T.minusSeconds(1), 200, "x");

    Map<RollupKey, RollupValue> rows = values(sums);

    RollupValue before = rows.get(RollupKey.of("per_api", Grain.MINUTE, "/api/a", T));
    RollupValue after = rows.get(RollupKey.of("per_api", Grain.MINUTE, "/api/a", T.plusSeconds(3)));
    RollupValue hour = rows.get(RollupKey.of("per_api", Grain.HOUR, "/api/a", T));
    RollupValue year = rows.get(RollupKey.of("per_api", Grain.YEAR, "/api/a", T));
    assertThat(rows).hasSize(7); // two minutes, two hours, one day, month and year
    assertThat(before.tally(Aggregate.COUNT)).isEqualTo(2);
    assertThat(before.tally(Aggregate.ERROR_COUNT)).isEqualTo(1);
    assertThat(after.tally(Aggregate.COUNT)).isEqualTo(1);
    assertThat(hour.tally(Aggregate.COUNT)).isEqualTo(2);
    assertThat(year.tally(Aggregate.COUNT)).isEqualTo(3);
    assertThat(year.measures(Aggregate.SUM)).containsEntry("latency_ms", 240.0);
    assertThat(year.measures(Aggregate.MAX)).containsEntry("latency_ms", 200.0);
  }

  @Test
  void should_give_the_same_rows_after_a_trip_from_a_task_to_the_driver() throws Exception {
    PartialRollups sent = someEvents();

    PartialRollups received = copied(sent);

    assertThat(values(received)).isEqualTo(values(sent)).hasSizeGreaterThan(20);
  }

  @Test
  void should_merge_parts_as_if_their_events_came_in_one_part() throws Exception {
    PartialRollups whole = someEvents();
    PartialRollups first = someEvents();
    PartialRollups second = new PartialRollups(PER_API, PER_API.grains());
    add(second, "/api/a", T.plusSeconds(120), 5, "z");
    add(second, "b|c\\d", T, 7, "c1");
    add(whole, "/api/a", T.plusSeconds(120), 5, "z");
    add(whole, "b|c\\d", T, 7, "c1");

    Map<RollupKey, RollupValue> secondBefore = values(second);

    PartialRollups merged = copied(first);
    merged.addAll(second);

    assertThat(values(merged)).isEqualTo(values(whole));
    assertThat(values(second)).as("a merged part is left as it was").isEqualTo(secondBefore);
  }
}
