package ssa.rollup;

import java.util.Arrays;
import java.util.List;

/**
 * The figures every rollup keeps, declared once: the batch side, the store and the incremental side
 * all iterate over this list, so a new aggregate is one more constant here. A tally is one long per
 * bucket; a measure aggregate keeps one double per configured measure.
 */
public enum Aggregate {
  COUNT("count", Kind.TALLY) {
    @Override
    long ofEvent(boolean error) {
      return 1;
    }
  },
  ERROR_COUNT("error_count", Kind.TALLY) {
    @Override
    long ofEvent(boolean error) {
      return error ? 1 : 0;
    }
  },
  SUM("sum", Kind.MEASURE) {
    @Override
    double merge(double a, double b) {
      return a + b;
    }
  },
  MIN("min", Kind.MEASURE) {
    @Override
    double merge(double a, double b) {
      return Math.min(a, b);
    }
  },
  MAX("max", Kind.MEASURE) {
    @Override
    double merge(double a, double b) {
      return Math.max(a, b);
    }
  };

  /** How an aggregate's value is shaped in a row. */
  public enum Kind {
    /** A long summed over events (bigint column). */
    TALLY,
    /** A double per measure, merged by the aggregate's own rule (map column). */
    MEASURE
  }

  public static final List<Aggregate> TALLIES =
      Arrays.stream(values()).filter(a -> a.kind == Kind.TALLY).toList();
  public static final List<Aggregate> MEASURES =
      Arrays.stream(values()).filter(a -> a.kind == Kind.MEASURE).toList();

  private final String column;
  private final Kind kind;

  Aggregate(String column, Kind kind) {
    this.column = column;
    this.kind = kind;
  }

  /** The rollups column holding the value. */
  public String column() {
    return column;
  }

  /** The column holding the value before the batch that last changed the row. */
  public String priorColumn() {
    return "prior_" + column;
  }

  public Kind kind() {
    return kind;
  }

  /** A tally's contribution of one event. */
  long ofEvent(boolean error) {
    throw new UnsupportedOperationException(this + " is not a tally");
  }

  /** Two measure values of this aggregate as one; a tally merges by addition. */
  double merge(double a, double b) {
    throw new UnsupportedOperationException(this + " is not a measure aggregate");
  }
}
