package ssa.rollup;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import ssa.parse.ParsedColumns;
import ssa.parse.StreamSchema;

/**
 * Sums one batch of events into partial rollups: one row per (grain, key, bucket) with the count,
 * error count, and the sum, min and max of every measure over that batch's events only.
 */
public final class RollupStage implements java.io.Serializable {
  public static final String GRAIN = "grain";
  public static final String KEY = "key";
  public static final String PERIOD = "period";
  public static final String BUCKET = "bucket";
  public static final String COUNT = "count";
  public static final String ERROR_COUNT = "error_count";
  private static final String IS_ERROR = "is_error";
  private static final String TIME = "time";

  private static final StructType PER_GRAIN =
      new StructType()
          .add(GRAIN, DataTypes.StringType, false)
          .add(KEY, DataTypes.StringType, false)
          .add(PERIOD, DataTypes.TimestampType, false)
          .add(BUCKET, DataTypes.TimestampType, false);

  private final StreamSchema stream;

  public RollupStage(StreamSchema stream) {
    this.stream = stream;
  }

  /**
   * Partial rollups of valid events. Columns: grain, key, period, bucket, count, error_count, then
   * for each measure m in configured order: sum, min and max of m.
   */
  public Dataset<Row> partials(Dataset<Row> events) {
    return partials(events, Grain.values());
  }

  /** Partial rollups of valid events for the given grains only; columns as {@link #partials}. */
  public Dataset<Row> partials(Dataset<Row> events, Grain... grains) {
    Column isError = stream.hasErrorCondition()
        ? when(expr(stream.errorWhen()), 1).otherwise(0)
        : lit(0);
    List<Column> measures = new ArrayList<>();
    for (String measure : stream.measures()) {
      measures.add(col(ParsedColumns.MEASURES).getItem(measure).as(measure));
    }
    List<Column> slim = new ArrayList<>(List.of(
        col(ParsedColumns.KEY).as(KEY), col(ParsedColumns.EVENT_TIME).as(TIME),
        isError.as(IS_ERROR)));
    slim.addAll(measures);
    Dataset<Row> perEvent = events.select(slim.toArray(Column[]::new));

    StructType perGrain = PER_GRAIN.add(IS_ERROR, DataTypes.IntegerType, false);
    for (String measure : stream.measures()) {
      perGrain = perGrain.add(measure, DataTypes.DoubleType, true);
    }
    Dataset<Row> exploded =
        perEvent.flatMap(
            (FlatMapFunction<Row, Row>) event -> perGrain(event, grains), Encoders.row(perGrain));

    List<Column> aggregates = new ArrayList<>();
    aggregates.add(sum(col(IS_ERROR)).cast(DataTypes.LongType).as(ERROR_COUNT));
    for (String measure : stream.measures()) {
      aggregates.add(sum(col(measure)).as("sum_" + measure));
      aggregates.add(min(col(measure)).as("min_" + measure));
      aggregates.add(max(col(measure)).as("max_" + measure));
    }
    return exploded
        .groupBy(col(GRAIN), col(KEY), col(PERIOD), col(BUCKET))
        .agg(count(lit(1)).as(COUNT), aggregates.toArray(Column[]::new));
  }

  /** The value of one row returned by {@link #partials}. */
  public RollupValue partialValue(Row partial) {
    java.util.Map<String, Double> sums = new java.util.HashMap<>();
    java.util.Map<String, Double> mins = new java.util.HashMap<>();
    java.util.Map<String, Double> maxes = new java.util.HashMap<>();
    int column = 6;
    for (String measure : stream.measures()) {
      // A measure no event of the bucket carried stays out of the maps instead of being null.
      if (!partial.isNullAt(column)) {
        sums.put(measure, partial.getDouble(column));
        mins.put(measure, partial.getDouble(column + 1));
        maxes.put(measure, partial.getDouble(column + 2));
      }
      column += 3;
    }
    return new RollupValue(partial.getLong(4), partial.getLong(5), sums, mins, maxes);
  }

  /** One row per grain for an event: the bucket arithmetic lives in {@link Grain}. */
  private static java.util.Iterator<Row> perGrain(Row event, Grain[] grains) {
    Instant time = event.getTimestamp(1).toInstant();
    List<Row> rows = new ArrayList<>(grains.length);
    for (Grain grain : grains) {
      // grain, key, period and bucket, then the event's columns after its key and time.
      Object[] values = new Object[event.length() + 2];
      values[0] = grain.id();
      values[1] = event.getString(0);
      values[2] = Timestamp.from(grain.periodStart(time));
      values[3] = Timestamp.from(grain.bucketStart(time));
      for (int i = 2; i < event.length(); i++) {
        values[i + 2] = event.get(i);
      }
      rows.add(RowFactory.create(values));
    }
    return rows.iterator();
  }
}
