package ssa.rollup;

import java.io.Serializable;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One number read from a rollup row, as alert rules name it: {@code count}, {@code error_count},
 * {@code error_rate} (errors per event, 0 to 1), {@code sum(m)}, {@code min(m)}, {@code max(m)},
 * {@code avg(m)} of a measure, a percentile such as {@code p99(m)} of a measure that keeps it, or
 * {@code distinct(f)} of a field whose distinct values are counted.
 */
public record RollupFigure(Kind kind, String field, double percentile) implements Serializable {

  /** What a figure reads; the functions take a field in parentheses. */
  public enum Kind {
    COUNT,
    ERROR_COUNT,
    ERROR_RATE,
    SUM,
    MIN,
    MAX,
    AVG,
    PERCENTILE,
    DISTINCT;

    boolean takesField() {
      return ordinal() >= SUM.ordinal();
    }
  }

  private static final Pattern SYNTAX =
      Pattern.compile(
          "(count|error_count|error_rate)|(sum|min|max|avg|distinct|p[0-9.]+)\\(([^()]+)\\)");

  /** The figures a rule may name, for error messages. */
  public static final String FORMS =
      "count, error_count, error_rate, sum(m), min(m), max(m), avg(m), p<percentile>(m) or"
          + " distinct(f)";

  /**
   * Reads a figure and checks it against the rollup it is read from.
   *
   * @throws IllegalArgumentException saying what is wrong, for the setting's error message
   */
  public static RollupFigure parse(String text, RollupDefinition definition) {
    Matcher m = SYNTAX.matcher(text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException("'" + text + "' is not a figure: use " + FORMS);
    }
    if (m.group(1) != null) {
      return new RollupFigure(Kind.valueOf(m.group(1).toUpperCase(Locale.ROOT)), null, 0);
    }
    String function = m.group(2);
    String field = m.group(3).trim();
    if (function.equals("distinct")) {
      requireIn(field, definition.distinct(), "distinct", definition);
      return new RollupFigure(Kind.DISTINCT, field, 0);
    }
    requireIn(field, definition.measures(), "measures", definition);
    if (!function.startsWith("p")) {
      return new RollupFigure(Kind.valueOf(function.toUpperCase(Locale.ROOT)), field, 0);
    }
    double percentile;
    try {
      percentile = Double.parseDouble(function.substring(1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + function + "' is not a percentile such as p99");
    }
    List<Double> kept = definition.percentiles().getOrDefault(field, List.of());
    if (!kept.contains(percentile)) {
      throw new IllegalArgumentException(
          "rollup '"
              + definition.name()
              + "' keeps no percentile "
              + function.substring(1)
              + " of '"
              + field
              + "' (it keeps "
              + kept
              + ")");
    }
    return new RollupFigure(Kind.PERCENTILE, field, percentile);
  }

  private static void requireIn(
      String field, List<String> kept, String key, RollupDefinition definition) {
    if (!kept.contains(field)) {
      throw new IllegalArgumentException(
          "rollup '" + definition.name() + "' has no '" + field + "' in its " + key + " " + kept);
    }
  }

  /** The figure of a row's value, or null when the row has none (no event carried the field). */
  public Double of(RollupValue value) {
    return switch (kind) {
      case COUNT -> (double) value.count();
      case ERROR_COUNT -> (double) value.errorCount();
      case ERROR_RATE -> value.count() == 0 ? null : (double) value.errorCount() / value.count();
      case SUM -> value.sum().get(field);
      case MIN -> value.min().get(field);
      case MAX -> value.max().get(field);
      case AVG -> DerivedFigures.avg(value, field);
      case PERCENTILE -> DerivedFigures.quantile(value, field, percentile);
      case DISTINCT -> (double) DerivedFigures.distinct(value, field);
    };
  }

  @Override
  public String toString() {
    if (!kind.takesField()) {
      return kind.name().toLowerCase(Locale.ROOT);
    }
    String function =
        kind == Kind.PERCENTILE
            ? DerivedFigures.quantileName("", percentile).substring(1)
            : kind.name().toLowerCase(Locale.ROOT);
    return function + "(" + field + ")";
  }
}
