package ssa.parse;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;

/** The types a stream field may have, with how each is read from JSON and from CSV text. */
public enum FieldType {
  STRING(DataTypes.StringType, false) {
    @Override
    Object fromJson(JsonNode node) {
      return node.isValueNode() ? node.asText() : null;
    }

    @Override
    public Object fromText(String text) {
      return text;
    }
  },
  INT(DataTypes.IntegerType, true) {
    @Override
    Object fromJson(JsonNode node) {
      return node.isIntegralNumber() && node.canConvertToInt() ? node.intValue() : null;
    }

    @Override
    public Object fromText(String text) {
      try {
        return Integer.parseInt(text);
      } catch (NumberFormatException e) {
        return null;
      }
    }
  },
  LONG(DataTypes.LongType, true) {
    @Override
    Object fromJson(JsonNode node) {
      return node.isIntegralNumber() && node.canConvertToLong() ? node.longValue() : null;
    }

    @Override
    public Object fromText(String text) {
      try {
        return Long.parseLong(text);
      } catch (NumberFormatException e) {
        return null;
      }
    }
  },
  // Cassandra would store NaN and the infinities, but one of them makes every sum, min or max it
  // is rolled into NaN or infinite for good. JSON has no such literals, yet Jackson reads 1e999 as
  // infinity.
  DOUBLE(DataTypes.DoubleType, true) {
    @Override
    Object fromJson(JsonNode node) {
      return node.isNumber() && Double.isFinite(node.doubleValue()) ? node.doubleValue() : null;
    }

    @Override
    public Object fromText(String text) {
      try {
        double value = Double.parseDouble(text);
        return Double.isFinite(value) ? value : null;
      } catch (NumberFormatException e) {
        return null;
      }
    }

    @Override
    String expected() {
      return "finite double";
    }
  },
  BOOLEAN(DataTypes.BooleanType, false) {
    @Override
    Object fromJson(JsonNode node) {
      return node.isBoolean() ? node.booleanValue() : null;
    }

    @Override
    public Object fromText(String text) {
      return switch (text) {
        case "true" -> Boolean.TRUE;
        case "false" -> Boolean.FALSE;
        default -> null;
      };
    }
  };

  private final DataType sparkType;
  private final boolean numeric;

  FieldType(DataType sparkType, boolean numeric) {
    this.sparkType = sparkType;
    this.numeric = numeric;
  }

  /** The value, or null when the node does not hold a value of this type. */
  abstract Object fromJson(JsonNode node);

  /** The value, or null when the text does not hold a value of this type. */
  public abstract Object fromText(String text);

  public DataType sparkType() {
    return sparkType;
  }

  public boolean numeric() {
    return numeric;
  }

  /** What a value must be, as a reason for rejecting one says it. */
  String expected() {
    return configName();
  }

  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The type named in configuration, or null when no type has that name. */
  public static FieldType byConfigName(String name) {
    for (FieldType type : values()) {
      if (type.configName().equals(name)) {
        return type;
      }
    }
    return null;
  }
}
