package ssa.settings;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a setting holds and which values are valid. {@link #read} returns the value typed (String,
 * Integer, Long, Double, Boolean, Duration, a list or a Config) or throws naming the key.
 */
public abstract class ValueType {
  private final String description;

  private ValueType(String description) {
    this.description = description;
  }

  /** For messages and docs: "an integer from 1 to 65535", ... */
  public String description() {
    return description;
  }

  /** The typed, checked value of {@code key}. */
  public final Object read(Config config, String key) {
    try {
      return check(config, key);
    } catch (ConfigException.Missing e) {
      throw new SettingException(key, "is missing", e);
    } catch (ConfigException.WrongType | ConfigException.BadValue e) {
      throw new SettingException(key, "must be " + description + " (" + e.getMessage() + ")", e);
    }
  }

  abstract Object check(Config config, String key);

  /** A subtree handed on as it is (e.g. to a library): keys below it are not checked. */
  public boolean opaque() {
    return false;
  }

  static SettingException invalid(String key, String problem) {
    return new SettingException(key, problem);
  }

  public static ValueType text() {
    return new ValueType("text") {
      @Override
      Object check(Config config, String key) {
        return config.getString(key).trim();
      }
    };
  }

  public static ValueType nonEmptyText() {
    return new ValueType("non-empty text") {
      @Override
      Object check(Config config, String key) {
        String value = config.getString(key).trim();
        if (value.isEmpty()) {
          throw invalid(key, "must not be empty");
        }
        return value;
      }
    };
  }

  public static ValueType oneOf(String... choices) {
    Set<String> allowed = new TreeSet<>(List.of(choices));
    return new ValueType("one of " + allowed) {
      @Override
      Object check(Config config, String key) {
        String value = config.getString(key).trim();
        if (!allowed.contains(value)) {
          throw invalid(key, "must be one of " + allowed + ", was '" + value + "'");
        }
        return value;
      }
    };
  }

  public static ValueType intIn(int min, int max) {
    return new ValueType("an integer from " + min + " to " + max) {
      @Override
      Object check(Config config, String key) {
        int value = config.getInt(key);
        if (value < min || value > max) {
          throw invalid(key, "must be between " + min + " and " + max + ", was " + value);
        }
        return value;
      }
    };
  }

  public static ValueType longAtLeast(long min) {
    return new ValueType("an integer of at least " + min) {
      @Override
      Object check(Config config, String key) {
        long value = config.getLong(key);
        if (value < min) {
          throw invalid(key, "must be at least " + min + ", was " + value);
        }
        return value;
      }
    };
  }

  public static ValueType anyLong() {
    return new ValueType("an integer") {
      @Override
      Object check(Config config, String key) {
        return config.getLong(key);
      }
    };
  }

  public static ValueType fraction() {
    return new ValueType("a number from 0 to 1") {
      @Override
      Object check(Config config, String key) {
        double value = config.getDouble(key);
        if (!(value >= 0 && value <= 1)) {
          throw invalid(key, "must be between 0 and 1, was " + value);
        }
        return value;
      }
    };
  }

  public static ValueType bool() {
    return new ValueType("true or false") {
      @Override
      Object check(Config config, String key) {
        return config.getBoolean(key);
      }
    };
  }

  /** A duration of at least {@code min}; {@code positive} refuses {@code min} itself. */
  public static ValueType duration(Duration min, boolean positive) {
    String bound = (positive ? "longer than " : "at least ") + min.toMillis() + " ms";
    return new ValueType("a duration (500ms, 30s, 5m) " + bound) {
      @Override
      Object check(Config config, String key) {
        Duration value = config.getDuration(key);
        int sign = value.compareTo(min);
        if (sign < 0 || (positive && sign == 0)) {
          throw invalid(key, "must be " + bound + ", was " + value);
        }
        return value;
      }
    };
  }

  public static ValueType textList() {
    return new ValueType("a list of text") {
      @Override
      Object check(Config config, String key) {
        return config.getStringList(key);
      }
    };
  }

  public static ValueType objectList() {
    return new ValueType("a list of objects") {
      @Override
      Object check(Config config, String key) {
        return config.getConfigList(key);
      }
    };
  }

  /** An object whose keys belong to someone else (a library's settings, passed through). */
  public static ValueType passThrough() {
    return new ValueType("an object") {
      @Override
      Object check(Config config, String key) {
        return config.getConfig(key);
      }

      @Override
      public boolean opaque() {
        return true;
      }
    };
  }
}
