package ssa.cli;

import com.datastax.oss.driver.api.core.cql.ColumnDefinition;
import com.datastax.oss.driver.api.core.cql.ColumnDefinitions;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.type.DataTypes;
import java.util.ArrayList;
import java.util.List;

/** Formats rows the way cqlsh does: padded columns, a rule under the header, a row count. */
final class TablePrinter {
  static String format(ResultSet rows) {
    return format(rows.getColumnDefinitions(), rows);
  }

  /** Rows of several queries with the same columns, as one table. */
  static String format(ColumnDefinitions columns, Iterable<Row> rows) {
    List<String> headers = new ArrayList<>();
    List<Boolean> numeric = new ArrayList<>();
    for (ColumnDefinition column : columns) {
      headers.add(column.getName().asInternal());
      numeric.add(isNumeric(column));
    }
    List<List<String>> cells = new ArrayList<>();
    for (Row row : rows) {
      List<String> line = new ArrayList<>();
      for (int i = 0; i < headers.size(); i++) {
        Object value = row.getObject(i);
        line.add(value == null ? "null" : text(row, i));
      }
      cells.add(line);
    }
    if (headers.isEmpty()) {
      return "";
    }
    int[] widths = new int[headers.size()];
    for (int i = 0; i < widths.length; i++) {
      widths[i] = headers.get(i).length();
      for (List<String> line : cells) {
        widths[i] = Math.max(widths[i], line.get(i).length());
      }
    }
    StringBuilder out = new StringBuilder("\n");
    appendLine(out, headers, widths, numeric, true);
    for (int i = 0; i < widths.length; i++) {
      out.append(i == 0 ? "" : "+").append("-".repeat(widths[i] + 2));
    }
    out.append('\n');
    for (List<String> line : cells) {
      appendLine(out, line, widths, numeric, false);
    }
    return out.append("\n(").append(cells.size()).append(" rows)\n").toString();
  }

  private static String text(Row row, int i) {
    // The driver's codec formats values as CQL literals; cqlsh shows strings without quotes.
    String literal =
        row.getColumnDefinitions().get(i).getType().equals(DataTypes.TEXT)
            ? row.getString(i)
            : row.codecRegistry()
                .codecFor(row.getColumnDefinitions().get(i).getType())
                .format(row.getObject(i));
    return literal;
  }

  private static void appendLine(
      StringBuilder out, List<String> values, int[] widths, List<Boolean> numeric, boolean header) {
    for (int i = 0; i < values.size(); i++) {
      String value = values.get(i);
      String padded =
          !header && numeric.get(i)
              ? " ".repeat(widths[i] - value.length()) + value
              : value + " ".repeat(widths[i] - value.length());
      out.append(i == 0 ? " " : " | ").append(padded);
    }
    out.append('\n');
  }

  private static boolean isNumeric(ColumnDefinition column) {
    return List.of(
            DataTypes.BIGINT,
            DataTypes.INT,
            DataTypes.DOUBLE,
            DataTypes.FLOAT,
            DataTypes.COUNTER,
            DataTypes.DECIMAL,
            DataTypes.VARINT,
            DataTypes.SMALLINT,
            DataTypes.TINYINT)
        .contains(column.getType());
  }

  private TablePrinter() {}
}
