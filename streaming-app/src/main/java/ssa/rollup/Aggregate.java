package ssa.rollup;

import java.util.Arrays;
import java.util.List;
import ssa.rollup.sketch.DistinctSketch;
import ssa.rollup.sketch.QuantileSketch;
import ssa.rollup.sketch.Sketch;

/**
 * The figures every rollup keeps, declared once: the batch side, the store and the incremental side
 * all iterate over this list, so a new aggregate is one more constant here. A tally is one long per
 * bucket; a measure aggregate keeps one double per measure of the rollup; a sketch aggregate one
 * sketch per field it summarizes.
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
  },
  /** How many events carried the measure: what avg divides the sum by. */
  SAMPLES("samples", Kind.MEASURE) {
    @Override
    double ofValue(double value) {
      return 1;
    }

    @Override
    double merge(double a, double b) {
      return a + b;
    }
  },
  /** Distinct values of a field, approximately: one {@link DistinctSketch} per field. */
  DISTINCT("distinct_sketch", Kind.SKETCH) {
    @Override
    public Sketch sketchFromBytes(byte[] bytes) {
      return DistinctSketch.fromBytes(bytes);
    }
  },
  /** The values of a measure, for its percentiles: one {@link QuantileSketch} per measure. */
  QUANTILES("quantile_sketch", Kind.SKETCH) {
    @Override
    public Sketch sketchFromBytes(byte[] bytes) {
      return QuantileSketch.fromBytes(bytes);
    }
  };

  /** How an aggregate's value is shaped in a row. */
  public enum Kind {
    /** A long summed over events (bigint column). */
    TALLY,
    /** A double per measure, merged by the aggregate's own rule (map column). */
    MEASURE,
    /** A mergeable sketch per field (map of blobs), with numbers derived from it beside it. */
    SKETCH
  }

  public static final List<Aggregate> TALLIES =
      Arrays.stream(values()).filter(a -> a.kind == Kind.TALLY).toList();
  public static final List<Aggregate> MEASURES =
      Arrays.stream(values()).filter(a -> a.kind == Kind.MEASURE).toList();
  public static final List<Aggregate> SKETCHES =
      Arrays.stream(values()).filter(a -> a.kind == Kind.SKETCH).toList();

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

  /** What one event's value of a measure adds to this aggregate. */
  double ofValue(double value) {
    return value;
  }

  /** A stored sketch of this aggregate, read back. */
  public Sketch sketchFromBytes(byte[] bytes) {
    throw new UnsupportedOperationException(this + " is not a sketch");
  }

  /** Two measure values of this aggregate as one; a tally merges by addition. */
  double merge(double a, double b) {
    throw new UnsupportedOperationException(this + " is not a measure aggregate");
  }
}
