package ssa.parse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.Serializable;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Turns one line into an event following the configured {@link StreamSchema}, or says precisely
 * why it cannot: the reason is stored beside the line in the dead-letter table.
 */
public final class EventParser implements Serializable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_QUOTED_VALUE = 80;

  private final StreamSchema schema;

  public EventParser(StreamSchema schema) {
    this.schema = schema;
  }

  /**
   * @param receivedAt when the job received the line: the event time of events that carry none
   */
  public ParsedEvent parse(String line, Instant receivedAt) {
    if (line == null || line.isBlank()) {
      return ParsedEvent.rejected("empty line");
    }
    Map<String, Object> values = new HashMap<>();
    String error =
        schema.format() == WireFormat.JSON ? readJson(line, values) : readCsv(line, values);
    if (error != null) {
      return ParsedEvent.rejected(error);
    }
    String key = values.get(schema.keyField()).toString();
    if (key.isEmpty()) {
      return ParsedEvent.rejected("key field '" + schema.keyField() + "' is empty");
    }
    Object millis = values.get(schema.timeField());
    Instant eventTime = millis == null ? receivedAt : Instant.ofEpochMilli((Long) millis);
    return new ParsedEvent(values, values.get(schema.idField()).toString(), key, eventTime, null);
  }

  private String readJson(String line, Map<String, Object> values) {
    JsonNode root;
    try {
      root = JSON.readTree(line);
    } catch (JsonProcessingException e) {
      return "not valid JSON: " + e.getOriginalMessage();
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
      return "expected " + schema.fields().size() + " comma-separated fields, found " + cells.length;
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
      return wrongType(field, node.toString());
    }
    values.put(field.name(), value);
    return null;
  }

  private String putText(FieldSpec field, String text, Map<String, Object> values) {
    if (text == null) {
      return missing(field);
    }
    Object value = field.type().fromText(text);
    if (value == null) {
      return wrongType(field, text);
    }
    values.put(field.name(), value);
    return null;
  }

  private static String missing(FieldSpec field) {
    return field.required() ? "missing required field '" + field.name() + "'" : null;
  }

  private static String wrongType(FieldSpec field, String found) {
    String shown =
        found.length() > MAX_QUOTED_VALUE ? found.substring(0, MAX_QUOTED_VALUE) + "..." : found;
    return "field '" + field.name() + "' is not a " + field.type().configName() + ": " + shown;
  }
}
