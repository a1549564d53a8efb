package ssa.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class EventFactoryTest {
  private static final long START = 1_700_000_000_000L;
  private static final int MANY = 100_000;
  private static final Pattern JSON =
      Pattern.compile(
          "\\{\"id\":\"([^\"]+)\",\"api\":\"(/api/v1/res-\\d{3,})\",\"status\":(\\d{3}),"
              + "\"latency_ms\":(\\d+\\.\\d{3}),\"_timestamp\":(\\d+),"
              + "\"client\":\"(client-\\d{2,})\"}");

  private static List<GeneratedEvent> events(EventFactory factory, int count) {
    return LongStream.range(0, count).mapToObj(factory::event).toList();
  }

  private static List<String> lines(GeneratorSettings settings, int count) {
    EventFactory factory = new EventFactory(settings, START);
    return events(factory, count).stream().map(GeneratedEvent::line).toList();
  }

  /** CSV lines, 5% of them malformed. */
  private static EventFactory csvWithMalformedLines() {
    return new EventFactory(
        TestSettings.with(
            GeneratorSetting.MALFORMED_FRACTION.key(), 0.05, GeneratorSetting.FORMAT.key(), "csv"),
        START);
  }

  @Test
  void should_produce_identical_lines_for_the_same_seed() {
    GeneratorSettings settings = TestSettings.with(GeneratorSetting.SEED.key(), 7);

    assertThat(lines(settings, 10_000)).isEqualTo(lines(settings, 10_000));
  }

  @Test
  void should_produce_different_lines_for_a_different_seed() {
    List<String> seven = lines(TestSettings.with(GeneratorSetting.SEED.key(), 7), 1_000);
    List<String> eight = lines(TestSettings.with(GeneratorSetting.SEED.key(), 8), 1_000);

    assertThat(seven).doesNotContainAnyElementsOf(eight);
  }

  @Test
  void should_compute_event_n_without_the_events_before_it() {
    EventFactory factory = new EventFactory(TestSettings.with(), START);
    GeneratedEvent late = factory.event(5_000_000_000L);

    assertThat(new EventFactory(TestSettings.with(), START).event(5_000_000_000L)).isEqualTo(late);
    assertThat(late.id()).isEqualTo("g1-5000000000");
  }

  @Test
  void should_give_every_event_a_unique_id_made_of_generator_id_and_sequence() {
    EventFactory factory =
        new EventFactory(TestSettings.with(GeneratorSetting.ID.key(), "gen-7"), START);

    Set<String> ids = new HashSet<>();
    events(factory, MANY).forEach(e -> ids.add(e.id()));

    assertThat(ids).hasSize(MANY);
    assertThat(factory.event(42).id()).isEqualTo("gen-7-42");
  }

  @Test
  void should_write_valid_events_as_json_lines_matching_their_fields() {
    EventFactory factory = new EventFactory(TestSettings.with(), START);

    for (GeneratedEvent event : events(factory, 20_000)) {
      if (event.malformed()) {
        continue;
      }
      Matcher json = JSON.matcher(event.line());
      assertThat(json.matches()).as(event.line()).isTrue();
      assertThat(json.group(1)).isEqualTo(event.id());
      assertThat(json.group(2)).isEqualTo(event.key());
      assertThat(Integer.parseInt(json.group(3))).isEqualTo(event.status());
      assertThat(Double.parseDouble(json.group(4))).isEqualTo(event.latencyMs());
      assertThat(Long.parseLong(json.group(5))).isEqualTo(event.timestampMillis());
      assertThat(json.group(6)).isEqualTo(event.client());
    }
  }

  @Test
  void should_write_valid_events_as_csv_lines_of_six_fields_in_order_client_last() {
    EventFactory factory =
        new EventFactory(TestSettings.with(GeneratorSetting.FORMAT.key(), "csv"), START);

    for (GeneratedEvent event : events(factory, 20_000)) {
      if (event.malformed()) {
        continue;
      }
      String[] fields = event.line().split(",", -1);
      assertThat(fields).as(event.line()).hasSize(6);
      assertThat(fields[0]).isEqualTo(event.id());
      assertThat(fields[1]).isEqualTo(event.key());
      assertThat(Integer.parseInt(fields[2])).isEqualTo(event.status());
      assertThat(Double.parseDouble(fields[3])).isEqualTo(event.latencyMs());
      assertThat(Long.parseLong(fields[4])).isEqualTo(event.timestampMillis());
      assertThat(fields[5]).isEqualTo(event.client());
    }
  }

  @Test
  void should_write_latency_with_exactly_three_decimals() {
    assertThat(fieldsWithLatency(20.1).latencyText()).isEqualTo("20.100");
    assertThat(fieldsWithLatency(0.001).latencyText()).isEqualTo("0.001");
    assertThat(fieldsWithLatency(1234.5).latencyText()).isEqualTo("1234.500");
    assertThat(fieldsWithLatency(12.345).latencyText()).isEqualTo("12.345");
  }

  @Test
  void should_honour_the_malformed_fraction_approximately() {
    EventFactory factory =
        new EventFactory(TestSettings.with(GeneratorSetting.MALFORMED_FRACTION.key(), 0.01), START);

    long malformed = events(factory, MANY).stream().filter(GeneratedEvent::malformed).count();

    assertThat(malformed / (double) MANY).isBetween(0.008, 0.012);
  }

  @Test
  void should_make_every_malformed_json_line_unparseable_and_rotate_all_kinds() {
    EventFactory factory =
        new EventFactory(TestSettings.with(GeneratorSetting.MALFORMED_FRACTION.key(), 0.05), START);
    List<String> bad =
        events(factory, 20_000).stream()
            .filter(GeneratedEvent::malformed)
            .map(GeneratedEvent::line)
            .toList();

    assertThat(bad).isNotEmpty().noneMatch(line -> JSON.matcher(line).matches());
    assertThat(bad).anyMatch(line -> !line.startsWith("{"));
    assertThat(bad).anyMatch(line -> line.startsWith("{") && !line.endsWith("}"));
    assertThat(bad).anyMatch(line -> line.endsWith("}") && !line.contains("\"api\""));
    assertThat(bad).anyMatch(line -> line.contains("\"latency_ms\":\"fast\""));
    assertThat(bad).anyMatch(line -> line.contains("\"status\":\"OK\""));
  }

  @Test
  void should_make_every_malformed_csv_line_fail_a_strict_parse() {
    EventFactory factory = csvWithMalformedLines();
    List<String[]> bad =
        events(factory, 20_000).stream()
            .filter(GeneratedEvent::malformed)
            .map(e -> e.line().split(",", -1))
            .toList();

    assertThat(bad).isNotEmpty().allMatch(f -> f.length != 6 || f[1].isEmpty() || !isNumber(f[3]));
    assertThat(bad).anyMatch(f -> f.length != 6);
    assertThat(bad).anyMatch(f -> f.length == 6 && f[1].isEmpty());
    assertThat(bad).anyMatch(f -> f.length == 6 && !isNumber(f[3]));
  }

  @Test
  void should_delay_about_the_out_of_order_fraction_by_at_most_max_delay() {
    long rate = 1000;
    EventFactory factory =
        new EventFactory(
            TestSettings.with(
                GeneratorSetting.RATE.key(),
                rate,
                GeneratorSetting.OUT_OF_ORDER_FRACTION.key(),
                0.1,
                GeneratorSetting.OUT_OF_ORDER_MAX_DELAY.key(),
                "2s"),
            START);

    long late = 0;
    for (GeneratedEvent event : events(factory, MANY)) {
      long onTime = START + event.sequence() * 1000 / rate;
      long delay = onTime - event.timestampMillis();
      assertThat(delay).as("delay of event %d", event.sequence()).isBetween(0L, 2_000L);
      if (delay > 0) {
        late++;
      }
    }
    assertThat(late / (double) MANY).isBetween(0.09, 0.11);
  }

  @Test
  void should_space_timestamps_by_the_rate_or_by_one_millisecond_when_unlimited() {
    GeneratedEvent atFiveHundredPerSecond =
        new EventFactory(
                TestSettings.with(
                    GeneratorSetting.RATE.key(),
                    500,
                    GeneratorSetting.OUT_OF_ORDER_FRACTION.key(),
                    0),
                START)
            .event(1_001);
    GeneratedEvent unlimited =
        new EventFactory(
                TestSettings.with(
                    GeneratorSetting.RATE.key(),
                    0,
                    GeneratorSetting.OUT_OF_ORDER_FRACTION.key(),
                    0),
                START)
            .event(1_001);

    assertThat(atFiveHundredPerSecond.timestampMillis()).isEqualTo(START + 2_002);
    assertThat(unlimited.timestampMillis()).isEqualTo(START + 1_001);
  }

  @Test
  void should_use_exactly_the_configured_number_of_distinct_keys() {
    EventFactory factory =
        new EventFactory(TestSettings.with(GeneratorSetting.KEYS.key(), 37), START);

    Set<String> keys = new HashSet<>();
    events(factory, MANY).forEach(e -> keys.add(e.key()));

    assertThat(keys).hasSize(37).contains("/api/v1/res-000", "/api/v1/res-036");
  }

  @Test
  void should_draw_the_same_clients_for_the_same_seed() {
    GeneratorSettings settings = TestSettings.with(GeneratorSetting.SEED.key(), 7);

    List<String> clients =
        events(new EventFactory(settings, START), 10_000).stream()
            .map(GeneratedEvent::client)
            .toList();

    assertThat(clients)
        .isEqualTo(
            events(new EventFactory(settings, START), 10_000).stream()
                .map(GeneratedEvent::client)
                .toList());
    assertThat(new EventFactory(settings, START).event(5_000_000_000L).client())
        .isEqualTo(new EventFactory(settings, START).event(5_000_000_000L).client());
  }

  @Test
  void should_default_to_twenty_clients_named_with_two_digits() {
    EventFactory factory = new EventFactory(TestSettings.with(), START);

    Set<String> clients = new HashSet<>();
    events(factory, MANY).forEach(e -> clients.add(e.client()));

    assertThat(clients).hasSize(20).contains("client-00", "client-07", "client-19");
    assertThat(clients).allMatch(c -> c.matches("client-\\d{2}"));
  }

  @Test
  void should_give_each_key_at_most_and_over_enough_events_exactly_the_configured_clients() {
    int keys = 7;
    int clients = 50;
    EventFactory factory =
        new EventFactory(
            TestSettings.with(
                GeneratorSetting.KEYS.key(), keys, GeneratorSetting.CLIENTS.key(), clients),
            START);

    Map<String, Set<String>> clientsPerKey = new HashMap<>();
    for (GeneratedEvent event : events(factory, MANY)) {
      clientsPerKey.computeIfAbsent(event.key(), k -> new HashSet<>()).add(event.client());
    }

    assertThat(clientsPerKey).hasSize(keys);
    // The same names under every key: client-00 to client-49.
    Set<String> names = new HashSet<>();
    for (int i = 0; i < clients; i++) {
      names.add(String.format("client-%02d", i));
    }
    assertThat(clientsPerKey.values()).allSatisfy(c -> assertThat(c).isEqualTo(names));
  }

  @Test
  void should_keep_a_key_under_the_limit_while_it_has_seen_few_events() {
    int clients = 1_000;
    EventFactory factory =
        new EventFactory(
            TestSettings.with(
                GeneratorSetting.KEYS.key(), 3, GeneratorSetting.CLIENTS.key(), clients),
            START);

    Map<String, Set<String>> early = new HashMap<>();
    Map<String, Set<String>> all = new HashMap<>();
    List<GeneratedEvent> events = events(factory, MANY);
    for (GeneratedEvent event : events.subList(0, 600)) {
      early.computeIfAbsent(event.key(), k -> new HashSet<>()).add(event.client());
    }
    for (GeneratedEvent event : events) {
      all.computeIfAbsent(event.key(), k -> new HashSet<>()).add(event.client());
    }

    assertThat(early.values()).allSatisfy(c -> assertThat(c.size()).isBetween(1, clients - 1));
    assertThat(all.values())
        .allSatisfy(c -> assertThat(c).hasSize(clients).contains("client-000", "client-999"));
  }

  @Test
  void should_name_the_single_client_client_00() {
    EventFactory factory =
        new EventFactory(TestSettings.with(GeneratorSetting.CLIENTS.key(), 1), START);

    assertThat(events(factory, 1_000)).extracting(GeneratedEvent::client).containsOnly("client-00");
  }

  /**
   * Values computed by the generator before events had a client (seed 42, the reference defaults):
   * the client's stream of its own leaves every other field of every event as it was.
   */
  @Test
  void should_leave_the_other_fields_as_they_were_before_clients() {
    EventFactory factory = new EventFactory(TestSettings.with(), START);

    assertThat(fieldsOf(factory.event(0)))
        .isEqualTo("g1-0 /api/v1/res-003 200 20.129 1700000000000 false");
    assertThat(fieldsOf(factory.event(9)))
        .isEqualTo("g1-9 /api/v1/res-007 404 55.343 1700000000009 false");
    assertThat(fieldsOf(factory.event(29)))
        .isEqualTo("g1-29 /api/v1/res-008 404 34.756 1699999970601 false");
    assertThat(fieldsOf(factory.event(12_345)))
        .isEqualTo("g1-12345 /api/v1/res-002 200 27.238 1699999992323 false");
    assertThat(fieldsOf(factory.event(5_000_000_000L)))
        .isEqualTo("g1-5000000000 /api/v1/res-005 503 4.243 1705000000000 false");
    // The line is the old one with the client after it.
    GeneratedEvent first = factory.event(0);
    assertThat(first.line())
        .isEqualTo(
            "{\"id\":\"g1-0\",\"api\":\"/api/v1/res-003\",\"status\":200,\"latency_ms\":20.129,"
                + "\"_timestamp\":1700000000000,\"client\":\""
                + first.client()
                + "\"}");
  }

  @Test
  void should_damage_the_same_events_in_the_same_ways_as_before_clients() {
    EventFactory factory = csvWithMalformedLines();

    assertThat(LongStream.range(0, 90).filter(n -> factory.event(n).malformed()).boxed().toList())
        .containsExactly(47L, 49L, 70L, 75L, 87L, 88L);
    assertThat(factory.event(47).line()).isEqualTo("g1-47,/api/v1/res-009,13.451");
    assertThat(factory.event(49).line())
        .isEqualTo("g1-49,/api/v1/res-004,201,fast,1700000000049," + factory.event(49).client());
    assertThat(factory.event(75).line())
        .isEqualTo("g1-75,,404,33.798,1700000000075," + factory.event(75).client());
  }

  private static String fieldsOf(GeneratedEvent e) {
    return String.join(
        " ",
        e.id(),
        e.key(),
        Integer.toString(e.status()),
        Double.toString(e.latencyMs()),
        Long.toString(e.timestampMillis()),
        Boolean.toString(e.malformed()));
  }

  @Test
  void should_mix_mostly_ok_statuses_with_about_five_percent_server_errors() {
    EventFactory factory = new EventFactory(TestSettings.with(), START);
    List<GeneratedEvent> events = events(factory, MANY);

    long serverErrors = events.stream().filter(e -> e.status() >= 500).count();
    long ok = events.stream().filter(e -> e.status() == 200).count();

    assertThat(events).extracting(GeneratedEvent::status).containsOnly(200, 201, 404, 500, 503);
    assertThat(serverErrors / (double) MANY).isBetween(0.04, 0.06);
    assertThat(ok / (double) MANY).isGreaterThan(0.7);
    assertThat(events).allMatch(e -> e.latencyMs() > 0 && e.latencyMs() < 100_000);
  }

  @Test
  void should_reject_a_negative_sequence_number() {
    EventFactory factory = new EventFactory(TestSettings.with(), START);

    assertThatThrownBy(() -> factory.event(-1)).isInstanceOf(IllegalArgumentException.class);
  }

  private static EventFields fieldsWithLatency(double latencyMs) {
    return new EventFields("g1-0", "/api/v1/res-000", 200, latencyMs, START, "client-00");
  }

  private static boolean isNumber(String text) {
    try {
      Double.parseDouble(text);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }
}
