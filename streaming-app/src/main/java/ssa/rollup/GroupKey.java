package ssa.rollup;

/**
 * The key column of a rollup row, from the values of its group-by fields: one field's value as it
 * is, several joined by {@code |} (a {@code |} or {@code \} inside a value escaped by {@code \}),
 * so cqlsh users can write the key of a row by hand. A missing value is the empty text; a rollup
 * without group-by fields has the one key {@link #WHOLE_STREAM}.
 */
public final class GroupKey {
  public static final String WHOLE_STREAM = "*";
  static final char SEPARATOR = '|';

  /** The key of the given field values, in the definition's group-by order. */
  public static String of(String[] values) {
    if (values.length == 0) {
      return WHOLE_STREAM;
    }
    if (values.length == 1) {
      return values[0] == null ? "" : values[0];
    }
    StringBuilder key = new StringBuilder();
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        key.append(SEPARATOR);
      }
      String value = values[i];
      if (value == null) {
        continue;
      }
      for (int c = 0; c < value.length(); c++) {
        char ch = value.charAt(c);
        if (ch == SEPARATOR || ch == '\\') {
          key.append('\\');
        }
        key.append(ch);
      }
    }
    return key.toString();
  }

  /** The text a field's value is grouped and counted by, the same on the stream and from raw. */
  public static String text(Object value) {
    return value == null ? null : value.toString();
  }

  private GroupKey() {}
}
