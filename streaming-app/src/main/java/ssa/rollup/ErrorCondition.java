package ssa.rollup;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import ssa.parse.StreamSchema;

/**
 * The configured condition that marks an event as an error (ssa.job.stream.error-when), a Spark SQL
 * expression over the stream's fields, evaluated as a column beside the parsed fields so it costs
 * no extra pass.
 */
public final class ErrorCondition {
  /** Boolean column: the event is an error; false for rejected lines and without a condition. */
  public static final String COLUMN = "__is_error";

  private ErrorCondition() {}

  public static Dataset<Row> mark(Dataset<Row> parsed, StreamSchema stream) {
    return parsed.withColumn(
        COLUMN,
        stream.hasErrorCondition() ? coalesce(expr(stream.errorWhen()), lit(false)) : lit(false));
  }
}
