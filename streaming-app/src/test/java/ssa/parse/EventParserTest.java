package ssa.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import ssa.config.TestConfigs;

class EventParserTest {
  private static final Instant RECEIVED = Instant.parse("2024-05-01T10:00:00Z");
  private final EventParser json = new EventParser(TestConfigs.settings("").stream());
  private final EventParser csv =
      new EventParser(TestConfigs.settings("ssa.job.stream.format = csv").stream());

  @Test
  void should_parse_a_complete_json_event() {
    ParsedEvent event =
        json.parse(
            "{\"id\":\"g1-7\",\"api\":\"/a\",\"status\":503,\"latency_ms\":12.5,\"_timestamp\":1700000000123}",
            RECEIVED);
    assertThat(event.valid()).isTrue();
    assertThat(event.id()).isEqualTo("g1-7");
    assertThat(event.key()).isEqualTo("/a");
    assertThat(event.eventTime()).isEqualTo(Instant.ofEpochMilli(1700000000123L));
    assertThat(event.values()).containsEntry("status", 503).containsEntry("latency_ms", 12.5);
  }

  @Test
  void should_use_the_receiving_time_when_the_event_has_none() {
    ParsedEvent event =
        json.parse("{\"id\":\"x\",\"api\":\"/a\",\"status\":200,\"latency_ms\":3}", RECEIVED);
    assertThat(event.valid()).isTrue();
    assertThat(event.eventTime()).isEqualTo(RECEIVED);
    assertThat(event.values()).containsEntry("latency_ms", 3.0);
  }

  @Test
  void should_parse_a_csv_event() {
    ParsedEvent event = csv.parse("g1-8,/b,200,1.25,1700000000000", RECEIVED);
    assertThat(event.valid()).isTrue();
    assertThat(event.key()).isEqualTo("/b");
    assertThat(event.values()).containsEntry("latency_ms", 1.25);
    assertThat(csv.parse("g1-9,/b,200,1.25,", RECEIVED).eventTime()).isEqualTo(RECEIVED);
  }

  @Test
  void should_reject_each_kind_of_bad_json_line_with_its_reason() {
    assertThat(json.parse("", RECEIVED).error()).isEqualTo("empty line");
    assertThat(json.parse("garbage %%", RECEIVED).error()).startsWith("not valid JSON");
    assertThat(json.parse("{\"id\":\"x\",\"api\":", RECEIVED).error()).startsWith("not valid JSON");
    assertThat(json.parse("[1,2]", RECEIVED).error()).isEqualTo("not a JSON object");
    assertThat(json.parse("{\"id\":\"x\",\"status\":200,\"latency_ms\":1}", RECEIVED).error())
        .isEqualTo("missing required field 'api'");
    assertThat(
            json.parse("{\"id\":\"x\",\"api\":\"/a\",\"status\":200,\"latency_ms\":\"fast\"}", RECEIVED)
                .error())
        .isEqualTo("field 'latency_ms' is not a double: \"fast\"");
    assertThat(
            json.parse("{\"id\":\"x\",\"api\":\"/a\",\"status\":2.5,\"latency_ms\":1}", RECEIVED).error())
        .isEqualTo("field 'status' is not a int: 2.5");
    assertThat(
            json.parse("{\"id\":\"x\",\"api\":\"\",\"status\":200,\"latency_ms\":1}", RECEIVED).error())
        .isEqualTo("key field 'api' is empty");
    assertThat(
            json.parse(
                    "{\"id\":\"x\",\"api\":\"/a\",\"status\":200,\"latency_ms\":1,\"_timestamp\":\"now\"}",
                    RECEIVED)
                .error())
        .isEqualTo("field '_timestamp' is not a long: \"now\"");
  }

  @Test
  void should_reject_each_kind_of_bad_csv_line_with_its_reason() {
    assertThat(csv.parse("a,b,c", RECEIVED).error())
        .isEqualTo("expected 5 comma-separated fields, found 3");
    assertThat(csv.parse("g1-1,/a,200,slow,1", RECEIVED).error())
        .isEqualTo("field 'latency_ms' is not a double: slow");
    assertThat(csv.parse("g1-1,,200,1.0,1", RECEIVED).error())
        .isEqualTo("missing required field 'api'");
    assertThat(csv.parse("g1-1,/a,200,NaN,1", RECEIVED).error())
        .isEqualTo("field 'latency_ms' is not a double: NaN");
  }
}
