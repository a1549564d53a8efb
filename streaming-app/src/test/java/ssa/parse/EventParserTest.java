package ssa.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import ssa.config.TestConfigs;

class EventParserTest {
  private static final Instant RECEIVED = Instant.parse("2024-05-01T10:00:00Z");

  /** The default fields, to vary in a configuration of their own. */
  private static final String FIELDS =
      "{name = id, type = string}, {name = api, type = string}, {name = status, type = int},"
          + " {name = latency_ms, type = double}, {name = _timestamp, type = long, required = false},"
          + " {name = client, type = string, required = false}";

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
    ParsedEvent event = csv.parse("g1-8,/b,200,1.25,1700000000000,client-7", RECEIVED);
    assertThat(event.valid()).isTrue();
    assertThat(event.key()).isEqualTo("/b");
    assertThat(event.values())
        .containsEntry("latency_ms", 1.25)
        .containsEntry("client", "client-7");
    // The time and the client are optional: empty cells.
    ParsedEvent bare = csv.parse("g1-9,/b,200,1.25,,", RECEIVED);
    assertThat(bare.eventTime()).isEqualTo(RECEIVED);
    assertThat(bare.values()).doesNotContainKey("client");
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
            json.parse(
                    "{\"id\":\"x\",\"api\":\"/a\",\"status\":200,\"latency_ms\":\"fast\"}",
                    RECEIVED)
                .error())
        .isEqualTo("field 'latency_ms' is not a finite double: \"fast\"");
    assertThat(
            json.parse("{\"id\":\"x\",\"api\":\"/a\",\"status\":2.5,\"latency_ms\":1}", RECEIVED)
                .error())
        .isEqualTo("field 'status' is not a int: 2.5");
    assertThat(
            json.parse("{\"id\":\"x\",\"api\":\"\",\"status\":200,\"latency_ms\":1}", RECEIVED)
                .error())
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
        .isEqualTo("expected 6 comma-separated fields, found 3");
    assertThat(csv.parse("g1-1,/a,200,slow,1,", RECEIVED).error())
        .isEqualTo("field 'latency_ms' is not a finite double: slow");
    assertThat(csv.parse("g1-1,,200,1.0,1,c", RECEIVED).error())
        .isEqualTo("missing required field 'api'");
    assertThat(csv.parse("g1-1,/a,200,NaN,1,c", RECEIVED).error())
        .isEqualTo("field 'latency_ms' is not a finite double: NaN");
  }

  private static String json(String id, String api, String latency, String timestamp) {
    return "{\"id\":\""
        + id
        + "\",\"api\":\""
        + api
        + "\",\"status\":200,\"latency_ms\":"
        + latency
        + (timestamp == null ? "" : ",\"_timestamp\":" + timestamp)
        + "}";
  }

  private static String csv(String id, String api, String latency, String timestamp) {
    return id + "," + api + ",200," + latency + "," + timestamp + ",client-1";
  }

  private static int utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8).length;
  }

  @Test
  void should_reject_a_key_of_70000_bytes_naming_the_field_and_the_limit() {
    String key = "/" + "k".repeat(69_999);
    String reason = "key field 'api' is 70000 bytes, more than the 65000 allowed";
    assertThat(json.parse(json("x", key, "1", null), RECEIVED).error()).isEqualTo(reason);
    assertThat(csv.parse(csv("x", key, "1", "1"), RECEIVED).error()).isEqualTo(reason);
  }

  @Test
  void should_count_key_bytes_in_utf8_and_accept_a_key_of_exactly_65000() {
    String euros = "€".repeat(21_666) + "ab"; // 3 bytes a char
    String emoji = "\uD83D\uDE00".repeat(16_250); // 4 bytes a pair
    for (String key : new String[] {euros, emoji}) {
      assertThat(utf8(key)).isEqualTo(65_000);
      ParsedEvent event = json.parse(json("x", key, "1", null), RECEIVED);
      assertThat(event.error()).isNull();
      assertThat(event.key()).isEqualTo(key);
      assertThat(csv.parse(csv("x", key, "1", "1"), RECEIVED).error()).isNull();
      assertThat(json.parse(json("x", key + "c", "1", null), RECEIVED).error())
          .isEqualTo("key field 'api' is 65001 bytes, more than the 65000 allowed");
    }
  }

  @Test
  void should_reject_an_id_over_65000_bytes_and_accept_one_at_the_limit() {
    String id = "i".repeat(65_000);
    assertThat(json.parse(json(id, "/a", "1", null), RECEIVED).id()).isEqualTo(id);
    assertThat(csv.parse(csv(id, "/a", "1", "1"), RECEIVED).id()).isEqualTo(id);
    String reason = "id field 'id' is 65001 bytes, more than the 65000 allowed";
    assertThat(json.parse(json(id + "i", "/a", "1", null), RECEIVED).error()).isEqualTo(reason);
    assertThat(csv.parse(csv(id + "i", "/a", "1", "1"), RECEIVED).error()).isEqualTo(reason);
  }

  @Test
  void should_reject_an_empty_id() {
    assertThat(json.parse(json("", "/a", "1", null), RECEIVED).error())
        .isEqualTo("id field 'id' is empty");
    assertThat(csv.parse(csv(" ", "/a", "1", "1"), RECEIVED).error())
        .isEqualTo("missing required field 'id'");
  }

  @Test
  void should_reject_a_line_without_its_optional_key_field() {
    EventParser optionalKey =
        new EventParser(
            TestConfigs.settings(
                "ssa.job.stream.fields = ["
                    + FIELDS.replace(
                        "{name = api, type = string}",
                        "{name = api, type = string, required = false}")
                    + "]")
                .stream());
    assertThat(
            optionalKey.parse("{\"id\":\"x\",\"status\":200,\"latency_ms\":1}", RECEIVED).error())
        .isEqualTo("key field 'api' is missing");
  }

  @Test
  void should_reject_a_2_mb_line_before_parsing_it() {
    String big = "x".repeat(2_000_000);
    String jsonLine = json("x", "/a", "1", null).replace("}", ",\"pad\":\"" + big + "\"}");
    assertThat(json.parse(jsonLine, RECEIVED).error())
        .isEqualTo("line is " + utf8(jsonLine) + " bytes, more than the 1048576 allowed");
    // Not even split into cells: the count of fields would be wrong, yet the size is the reason.
    String csvLine = big + ",,,";
    assertThat(csv.parse(csvLine, RECEIVED).error())
        .isEqualTo("line is 2000003 bytes, more than the 1048576 allowed");
  }

  @Test
  void should_accept_a_line_of_exactly_1_mib_in_utf8_and_reject_one_byte_more() {
    String start = json("x", "/a", "1", null).replace("}", ",\"pad\":\"");
    String pad = "é€\uD83D\uDE00".repeat(100_000); // 9 bytes in 4 chars
    pad += "p".repeat(1_048_576 - utf8(start + pad + "\"}"));
    String line = start + pad + "\"}";
    assertThat(utf8(line)).isEqualTo(1_048_576);
    assertThat(json.parse(line, RECEIVED).error()).isNull();
    String over = start + pad + "p\"}";
    assertThat(json.parse(over, RECEIVED).error())
        .isEqualTo("line is 1048577 bytes, more than the 1048576 allowed");

    EventParser csvWithNote =
        new EventParser(
            TestConfigs.settings(
                "ssa.job.stream { format = csv, fields = ["
                    + FIELDS
                    + ", {name = note, type = string}] }")
                .stream());
    String csvStart = csv("x", "/a", "1", "1") + ",";
    String note = "n".repeat(1_048_576 - csvStart.length());
    assertThat(csvWithNote.parse(csvStart + note, RECEIVED).values()).containsEntry("note", note);
    assertThat(csvWithNote.parse(csvStart + note + "n", RECEIVED).error())
        .isEqualTo("line is 1048577 bytes, more than the 1048576 allowed");
  }

  @Test
  void should_accept_event_times_in_sparks_range_only() {
    String first = "-62135596800000"; // 0001-01-01T00:00:00Z
    String last = "253402300799999"; // 9999-12-31T23:59:59.999Z
    assertThat(json.parse(json("x", "/a", "1", first), RECEIVED).eventTime())
        .isEqualTo(Instant.parse("0001-01-01T00:00:00Z"));
    assertThat(csv.parse(csv("x", "/a", "1", last), RECEIVED).eventTime())
        .isEqualTo(Instant.parse("9999-12-31T23:59:59.999Z"));
    String range =
        ", outside the event times Spark supports (-62135596800000 to 253402300799999 epoch millis,"
            + " 0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999Z)";
    assertThat(json.parse(json("x", "/a", "1", "-62135596800001"), RECEIVED).error())
        .isEqualTo("field '_timestamp' is -62135596800001" + range);
    assertThat(csv.parse(csv("x", "/a", "1", "253402300800000"), RECEIVED).error())
        .isEqualTo("field '_timestamp' is 253402300800000" + range);
    assertThat(json.parse(json("x", "/a", "1", String.valueOf(Long.MAX_VALUE)), RECEIVED).error())
        .isEqualTo("field '_timestamp' is " + Long.MAX_VALUE + range);
  }

  @Test
  void should_reject_doubles_that_are_not_finite() {
    String bigInteger = "9".repeat(400);
    assertThat(json.parse(json("x", "/a", "1e999", null), RECEIVED).error())
        .isEqualTo("field 'latency_ms' is not a finite double: Infinity");
    assertThat(json.parse(json("x", "/a", "-1e999", null), RECEIVED).error())
        .isEqualTo("field 'latency_ms' is not a finite double: -Infinity");
    assertThat(json.parse(json("x", "/a", bigInteger, null), RECEIVED).error())
        .isEqualTo("field 'latency_ms' is not a finite double: " + "9".repeat(80) + "...");
    for (String latency : new String[] {"Infinity", "-Infinity", "NaN", "1e999"}) {
      assertThat(csv.parse(csv("x", "/a", latency, "1"), RECEIVED).error())
          .isEqualTo("field 'latency_ms' is not a finite double: " + latency);
    }
    assertThat(json.parse(json("x", "/a", "1.7976931348623157e308", null), RECEIVED).valid())
        .isTrue();
  }

  @Test
  void should_reject_strings_with_a_lone_surrogate() {
    assertThat(json.parse(json("x", "/a\\ud800", "1", null), RECEIVED).error())
        .isEqualTo("field 'api' is not valid Unicode: lone surrogate \\ud800 at index 2");
    assertThat(json.parse(json("\\ude00\\ud83d", "/a", "1", null), RECEIVED).error())
        .isEqualTo("field 'id' is not valid Unicode: lone surrogate \\ude00 at index 0");
    assertThat(csv.parse(csv("x", "/a\uDBFF", "1", "1"), RECEIVED).error())
        .isEqualTo("field 'api' is not valid Unicode: lone surrogate \\udbff at index 2");
    assertThat(json.parse(json("x", "/\\ud83d\\ude00", "1", null), RECEIVED).key())
        .isEqualTo("/\uD83D\uDE00");
  }

  @Test
  void should_reject_json_nested_deeper_than_64_levels() {
    String deep63 = "[".repeat(63) + "]".repeat(63); // 64 with the object around it
    assertThat(
            json.parse(json("x", "/a", "1", null).replace("}", ",\"n\":" + deep63 + "}"), RECEIVED)
                .valid())
        .isTrue();
    String deep64 = "[".repeat(64) + "]".repeat(64);
    assertThat(
            json.parse(json("x", "/a", "1", null).replace("}", ",\"n\":" + deep64 + "}"), RECEIVED)
                .error())
        .startsWith("JSON beyond the parser's limits: ")
        .contains("64");
    // Far deeper still fails at 65, without building the rest.
    assertThat(json.parse("[".repeat(500_000), RECEIVED).error())
        .startsWith("JSON beyond the parser's limits: ");
  }

  @Test
  void should_reject_two_json_objects_on_one_line() {
    String one = json("x", "/a", "1", null);
    assertThat(json.parse(one + " " + one, RECEIVED).error())
        .isEqualTo("more than one JSON value on the line");
    assertThat(json.parse(one + "x", RECEIVED).error()).startsWith("not valid JSON: ");
    assertThat(json.parse(one + "  \t", RECEIVED).error()).isNull();
  }

  @Test
  void should_ignore_members_beyond_the_configured_fields_however_many() {
    StringBuilder line = new StringBuilder(json("x", "/a", "1", null));
    line.setLength(line.length() - 1);
    for (int i = 0; i < 80_000; i++) {
      line.append(",\"m").append(i).append("\":0");
    }
    ParsedEvent event = json.parse(line.append('}').toString(), RECEIVED);
    assertThat(event.error()).isNull();
    assertThat(event.values()).hasSize(4);
  }

  @Test
  void should_reject_a_field_given_twice_instead_of_keeping_the_last() {
    String twice = "{\"id\":\"x\",\"api\":\"/a\",\"api\":\"/b\",\"status\":200,\"latency_ms\":1}";
    assertThat(json.parse(twice, RECEIVED).error()).isEqualTo("field 'api' appears more than once");
    String nested =
        "{\"id\":\"x\",\"api\":\"/a\",\"status\":200,\"latency_ms\":1,\"o\":{\"k\":1,\"k\":2}}";
    assertThat(json.parse(nested, RECEIVED).error()).isEqualTo("field 'k' appears more than once");
    assertThat(json.parse(json("x", "/a", "1", null) + " trailing", RECEIVED).error())
        .startsWith("not valid JSON: ");
  }

  @Test
  void should_read_the_same_values_from_a_flat_line_and_from_one_that_needs_a_tree() {
    String flat =
        "{\"id\":\"x\",\"api\":\"/a\\u00e9\",\"status\":200,\"latency_ms\":7,\"client\":null,"
            + "\"extra\":true}";
    String nested = flat.replace("\"extra\":true", "\"extra\":{\"deep\":[1,{\"k\":2}]}");
    ParsedEvent quick = json.parse(flat, RECEIVED);
    ParsedEvent tree = json.parse(nested, RECEIVED);
    assertThat(quick.error()).isNull();
    assertThat(tree.error()).isNull();
    assertThat(quick.values())
        .isEqualTo(tree.values())
        .containsEntry("api", "/a\u00e9")
        .containsEntry("status", 200)
        .containsEntry("latency_ms", 7.0)
        .doesNotContainKey("client");
    // A number where text is wanted is read as its text, by the tree.
    ParsedEvent numberKey =
        json.parse("{\"id\":\"x\",\"api\":404,\"status\":200,\"latency_ms\":1}", RECEIVED);
    assertThat(numberKey.key()).isEqualTo("404");
    // A member beyond the configured fields, given twice, is refused like a configured one.
    assertThat(json.parse(flat.replace("}", ",\"extra\":false}"), RECEIVED).error())
        .isEqualTo("field 'extra' appears more than once");
    // An integer too large for an int field, and one of 20 digits for a double.
    assertThat(json.parse(flat.replace("200", "3000000000"), RECEIVED).error())
        .isEqualTo("field 'status' is not a int: 3000000000");
    assertThat(
            json.parse(
                    flat.replace("\"latency_ms\":7", "\"latency_ms\":12345678901234567890"),
                    RECEIVED)
                .values())
        .containsEntry("latency_ms", 12345678901234567890.0);
  }

  private static EventParser withTime(String format, String type) {
    return new EventParser(
        TestConfigs.settings(
            "ssa.job.stream { time-format = "
                + format
                + ", fields = ["
                + FIELDS.replace(
                    "{name = _timestamp, type = long", "{name = _timestamp, type = " + type)
                + "] }")
            .stream());
  }

  private static String timed(String time) {
    return "{\"id\":\"x\",\"api\":\"/a\",\"status\":200,\"latency_ms\":1,\"_timestamp\":"
        + time
        + "}";
  }

  @Test
  void should_read_iso_8601_times_when_configured() {
    EventParser iso = withTime("iso-8601", "string");
    assertThat(iso.parse(timed("\"2016-05-27T02:00:02Z\""), RECEIVED).eventTime())
        .isEqualTo(Instant.parse("2016-05-27T02:00:02Z"));
    assertThat(iso.parse(timed("\"2016-05-27T04:00:02.250+02:00\""), RECEIVED).eventTime())
        .isEqualTo(Instant.parse("2016-05-27T02:00:02.250Z"));
    assertThat(iso.parse(timed("\"2016-05-27T02:00:02\""), RECEIVED).error())
        .isEqualTo(
            "field '_timestamp' does not hold a time as ISO-8601 with an offset, e.g."
                + " 2016-05-27T02:00:02Z: 2016-05-27T02:00:02");
    assertThat(iso.parse(timed("1464314402000"), RECEIVED).error())
        .startsWith("field '_timestamp' does not hold a time as ISO-8601");
  }

  @Test
  void should_read_epoch_seconds_when_configured() {
    assertThat(withTime("epoch-seconds", "long").parse(timed("1464314402"), RECEIVED).eventTime())
        .isEqualTo(Instant.parse("2016-05-27T02:00:02Z"));
    EventParser fractional = withTime("epoch-seconds", "double");
    assertThat(fractional.parse(timed("1464314402.25"), RECEIVED).eventTime())
        .isEqualTo(Instant.parse("2016-05-27T02:00:02.250Z"));
    assertThat(fractional.parse(timed("1e300"), RECEIVED).error())
        .isEqualTo("field '_timestamp' does not hold a time as epoch seconds: 1.0E300");
    // Epoch milliseconds stay the default: the same number is then a 1970 time.
    assertThat(json.parse(timed("1464314402"), RECEIVED).eventTime())
        .isEqualTo(Instant.ofEpochMilli(1464314402L));
  }
}
