package ssa.parse;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.Serializable;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns one line into an event following the configured {@link StreamSchema}, or says precisely why
 * it cannot: the reason is stored beside the line in the dead-letter table. An accepted event keeps
 * within {@link EventLimits}, so every write made from it can succeed.
 */
public final class EventParser implements Serializable {
  private static final ObjectMapper JSON =
      JsonMapper.builder(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder()
                          .maxNestingDepth(EventLimits.MAX_JSON_DEPTH)
                          .build())
                  .build())
          // Else the last of two values wins, and the line loses the other silently. Checked as
          // the tree is built, where a replaced member shows: the parser's own check
          // (STRICT_DUPLICATE_DETECTION) keeps a set of names per object, 2% of the tasks' time.
          .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
          .build();
  private static final int MAX_QUOTED_VALUE = 80;
  private static final String DUPLICATE = "Duplicate field ";
  private static final String DUPLICATE_END = " for `ObjectNode`";

  private final StreamSchema schema;
  private final FieldSpec[] fields;

  /** Each configured field's place in {@link #fields}, by name. */
  private final Map<String, Integer> fieldIndex = new HashMap<>();

  /** The fields whose values, joined, make the key of a rollup row: each list is one rollup's. */
  private final List<List<String>> rollupKeys;

  public EventParser(StreamSchema schema) {
    this(schema, List.of());
  }

  public EventParser(StreamSchema schema, List<List<String>> rollupKeys) {
    this.schema = schema;
    this.rollupKeys = List.copyOf(rollupKeys);
    this.fields = schema.fields().toArray(FieldSpec[]::new);
    for (int f = 0; f < fields.length; f++) {
      fieldIndex.put(fields[f].name(), f);
    }
  }

  /**
   * @param receivedAt when the job received the line: the event time of events that carry none
   */
  public ParsedEvent parse(String line, Instant receivedAt) {
    if (line == null || line.isBlank()) {
      return ParsedEvent.rejected("empty line");
    }
    String error = EventLimits.tooLong("line", line, EventLimits.MAX_LINE_BYTES);
    if (error != null) {
      return ParsedEvent.rejected(error);
    }
    Map<String, Object> values = new HashMap<>();
    error = schema.format() == WireFormat.JSON ? readJson(line, values) : readCsv(line, values);
    if (error == null) {
      error = identityError("key", schema.keyField(), values, EventLimits.MAX_KEY_BYTES);
    }
    if (error == null) {
      error = identityError("id", schema.idField(), values, EventLimits.MAX_ID_BYTES);
    }
    for (int k = 0; error == null && k < rollupKeys.size(); k++) {
      error = EventLimits.rollupKeyTooLong(rollupKeys.get(k), values);
    }
    Object time = values.get(schema.timeField());
    Long millis = time == null ? null : schema.timeFormat().millis(time);
    if (error == null && time != null && millis == null) {
      error =
          "field '"
              + schema.timeField()
              + "' does not hold a time as "
              + schema.timeFormat().description()
              + ": "
              + quoted(time.toString());
    }
    if (error == null && millis != null) {
      error = EventLimits.outsideEventTimes(schema.timeField(), millis);
    }
    if (error != null) {
      return ParsedEvent.rejected(error);
    }
    Instant eventTime = millis == null ? receivedAt : Instant.ofEpochMilli(millis);
    return new ParsedEvent(
        values,
        values.get(schema.idField()).toString(),
        values.get(schema.keyField()).toString(),
        eventTime,
        null);
  }

  private String readJson(String line, Map<String, Object> values) {
    Object[] found = new Object[fields.length];
    if (readFlat(line, found)) {
      for (int f = 0; f < fields.length; f++) {
        String error = found[f] == null ? missing(fields[f]) : store(fields[f], found[f], values);
        if (error != null) {
          return error;
        }
      }
      return null;
    }
    return readTree(line, values);
  }

  /**
   * Reads the line the quick way, token by token, when it is one JSON object of scalar members,
   * none given twice, and every configured member holds a value of its type: what nearly every
   * event is. Without the tree a line parses in about four fifths of the time (bench/README.md, run
   * 13). Any other line returns false and is read as a tree ({@link #readTree}), which says
   * precisely what is wrong, so the reason a line is rejected for does not depend on which way read
   * it.
   *
   * @param found filled with each configured field's value by its place; null where absent or null
   */
  private boolean readFlat(String line, Object[] found) {
    boolean[] seen = new boolean[fields.length];
    Set<String> others = null;
    try (JsonParser parser = JSON.createParser(line)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return false;
      }
      JsonToken token;
      while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonToken value = parser.nextToken();
        if (value == null || value.isStructStart()) {
          return false;
        }
        Integer f = fieldIndex.get(name);
        if (f == null) {
          if (others == null) {
            others = new HashSet<>();
          }
          if (!others.add(name)) {
            return false;
          }
        } else if (seen[f]) {
          return false;
        } else {
          seen[f] = true;
          if (value != JsonToken.VALUE_NULL) {
            found[f] = fields[f].type().fromScalar(value, parser);
            if (found[f] == null) {
              return false;
            }
          }
        }
      }
      return token == JsonToken.END_OBJECT && parser.nextToken() == null;
    } catch (IOException e) {
      return false;
    }
  }

  private String readTree(String line, Map<String, Object> values) {
    JsonNode root;
    try (JsonParser parser = JSON.createParser(line)) {
      root = JSON.readTree(parser);
      // readTree stops after one value: two events run together would lose the second silently.
      if (parser.nextToken() != null) {
        return "more than one JSON value on the line";
      }
    } catch (StreamConstraintsException e) {
      return "JSON beyond the parser's limits: " + e.getOriginalMessage();
    } catch (JsonProcessingException e) {
      String message = e.getOriginalMessage();
      // Jackson names the field: "Duplicate field 'api' for `ObjectNode`: not allowed when ...".
      int nameEnd = message.lastIndexOf(DUPLICATE_END);
      return message.startsWith(DUPLICATE) && nameEnd >= DUPLICATE.length()
          ? "field " + message.substring(DUPLICATE.length(), nameEnd) + " appears more than once"
          : "not valid JSON: " + message;
    } catch (IOException e) {
      return "not valid JSON: " + e.getMessage(); // a string has no I/O to fail, but never throw
    }
    if (root == null || !root.isObject()) {
      return "not a JSON object";
    }
    for (FieldSpec field : schema.fields()) {
      JsonNode node = root.get(field.name());
      String error = put(field, node == null || node.isNull() ? null : node, values);
      if (error != null) {
        return error;
      }
    }
    return null;
  }

  private String readCsv(String line, Map<String, Object> values) {
    String[] cells = line.split(",", -1);
    if (cells.length != schema.fields().size()) {
      return "expected "
          + schema.fields().size()
          + " comma-separated fields, found "
          + cells.length;
    }
    for (int i = 0; i < cells.length; i++) {
      FieldSpec field = schema.fields().get(i);
      String cell = cells[i].trim();
      String error = putText(field, cell.isEmpty() ? null : cell, values);
      if (error != null) {
        return error;
      }
    }
    return null;
  }

  private String put(FieldSpec field, JsonNode node, Map<String, Object> values) {
    if (node == null) {
      return missing(field);
    }
    Object value = field.type().fromJson(node);
    if (value == null) {
      // Not toString for a number: it writes the infinity 1e999 reads as the string "Infinity".
      return wrongType(field, node.isNumber() ? node.asText() : node.toString());
    }
    return store(field, value, values);
  }

  private String putText(FieldSpec field, String text, Map<String, Object> values) {
    if (text == null) {
      return missing(field);
    }
    Object value = field.type().fromText(text);
    return value == null ? wrongType(field, text) : store(field, value, values);
  }

  private static String store(FieldSpec field, Object value, Map<String, Object> values) {
    if (value instanceof String text) {
      int at = EventLimits.loneSurrogate(text);
      if (at >= 0) {
        return "field '"
            + field.name()
            + "' is not valid Unicode: lone surrogate "
            + String.format("\\u%04x", (int) text.charAt(at))
            + " at index "
            + at;
      }
    }
    values.put(field.name(), value);
    return null;
  }

  /** Why the key or the id cannot identify an event, or null when it can. */
  private static String identityError(
      String role, String field, Map<String, Object> values, int maxBytes) {
    String what = role + " field '" + field + "'";
    Object value = values.get(field);
    // Only an optional key or id field can be missing here; the event would have nothing to be
    // stored under.
    if (value == null) {
      return what + " is missing";
    }
    String text = value.toString();
    return text.isEmpty() ? what + " is empty" : EventLimits.tooLong(what, text, maxBytes);
  }

  private static String missing(FieldSpec field) {
    return field.required() ? "missing required field '" + field.name() + "'" : null;
  }

  private static String wrongType(FieldSpec field, String found) {
    return "field '"
        + field.name()
        + "' is not a "
        + field.type().expected()
        + ": "
        + quoted(found);
  }

  private static String quoted(String found) {
    return found.length() > MAX_QUOTED_VALUE
        ? EventLimits.start(found, MAX_QUOTED_VALUE) + "..."
        : found;
  }
}
