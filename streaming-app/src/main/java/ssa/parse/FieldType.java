package ssa.parse;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonParser.NumberType;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
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
    Object fromScalar(JsonToken token, JsonParser parser) throws IOException {
      return token == JsonToken.VALUE_STRING ? parser.getText() : null;
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
    Object fromScalar(JsonToken token, JsonParser parser) throws IOException {
      return token == JsonToken.VALUE_NUMBER_INT && parser.getNumberType() == NumberType.INT
          ? parser.getIntValue()
          : null;
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
    Object fromScalar(JsonToken token, JsonParser parser) throws IOException {
      boolean fits =
          token == JsonToken.VALUE_NUMBER_INT
              && (parser.getNumberType() == NumberType.INT
                  || parser.getNumberType() == NumberType.LONG);
      return fits ? parser.getLongValue() : null;
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
    Object fromScalar(JsonToken token, JsonParser parser) throws IOException {
      if (token != JsonToken.VALUE_NUMBER_INT && token != JsonToken.VALUE_NUMBER_FLOAT) {
        return null;
      }
      double value = parser.getDoubleValue();
      return Double.isFinite(value) ? value : null;
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
    Object fromScalar(JsonToken token, JsonParser parser) {
      return switch (token) {
        case VALUE_TRUE -> Boolean.TRUE;
        case VALUE_FALSE -> Boolean.FALSE;
        default -> null;
      };
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

  /**
   * The value of the scalar token the parser stands on, read without a tree; null when it is not a
   * value of this type as written (or not one this reads: a number for a string field). The line is
   * then read as a tree, whose {@link #fromJson} decides, so both ways accept the same values.
   */
  abstract Object fromScalar(JsonToken token, JsonParser parser) throws IOException;

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
