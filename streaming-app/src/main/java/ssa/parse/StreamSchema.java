package ssa.parse;

import java.io.Serializable;
import java.util.List;

/**
 * The shape of the stream: its fields and which of them is the id, the key, the event time and the
 * measures. Validated when settings are read, so the parse and rollup stages can trust it.
 */
public record StreamSchema(
    WireFormat format,
    List<FieldSpec> fields,
    String idField,
    String keyField,
    String timeField,
    TimeFormat timeFormat,
    List<String> measures,
    String errorWhen)
    implements Serializable {

  public StreamSchema {
    fields = List.copyOf(fields);
    measures = List.copyOf(measures);
  }

  public FieldSpec field(String name) {
    return fields.stream().filter(f -> f.name().equals(name)).findFirst().orElse(null);
  }

  public int indexOf(String name) {
    for (int i = 0; i < fields.size(); i++) {
      if (fields.get(i).name().equals(name)) {
        return i;
      }
    }
    return -1;
  }

  /** Fields that are neither the id, the key, the time nor a measure: kept as attributes. */
  public List<FieldSpec> attributeFields() {
    return fields.stream()
        .filter(f -> !f.name().equals(idField) && !f.name().equals(keyField))
        .filter(f -> !f.name().equals(timeField) && !measures.contains(f.name()))
        .toList();
  }

  public boolean hasErrorCondition() {
    return !errorWhen.isEmpty();
  }
}
