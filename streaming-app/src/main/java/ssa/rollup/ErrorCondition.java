package ssa.rollup;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.spark.TaskContext;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.CatalystTypeConverters;
import org.apache.spark.sql.catalyst.expressions.Alias;
import org.apache.spark.sql.catalyst.expressions.Attribute;
import org.apache.spark.sql.catalyst.expressions.BasePredicate;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.expressions.Predicate;
import org.apache.spark.sql.catalyst.plans.logical.Project;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.Function1;
import scala.collection.immutable.Seq;
import ssa.parse.ParsedColumns;
import ssa.parse.StreamSchema;

/**
 * The configured condition that marks an event as an error (ssa.job.stream.error-when): a Spark SQL
 * expression over the parsed columns, resolved once on the driver and evaluated on each parsed row
 * where the task already holds it, so the condition costs no column, no conversion of every row
 * into Spark's format and no pass of its own.
 */
public final class ErrorCondition implements Serializable {
  /** Resolved against {@link ParsedColumns#schema}; null without a condition. */
  private final Expression condition;

  private final Seq<Attribute> columns;
  private final StructType schema;

  /** The columns the condition reads: only those are converted into Spark's values. */
  private final int[] read;

  /** Made in the task that evaluates, from the fields above: generated code is not shipped. */
  private transient BasePredicate predicate;

  /** The converter of each column in {@link #read}, in that order. */
  private transient List<Function1<Object, Object>> toSpark;

  private transient GenericInternalRow values;

  private ErrorCondition(
      Expression condition, Seq<Attribute> columns, StructType schema, int[] read) {
    this.condition = condition;
    this.columns = columns;
    this.schema = schema;
    this.read = read;
  }

  /**
   * Resolves the stream's condition.
   *
   * @throws IllegalArgumentException when it names no known column or is not true or false
   */
  public static ErrorCondition resolve(SparkSession spark, StreamSchema stream) {
    StructType schema = ParsedColumns.schema(stream);
    if (!stream.hasErrorCondition()) {
      return new ErrorCondition(null, null, schema, new int[0]);
    }
    Project project;
    try {
      project =
          (Project)
              spark
                  .createDataFrame(List.<Row>of(), schema)
                  .select(coalesce(expr(stream.errorWhen()), lit(false)))
                  .queryExecution()
                  .analyzed();
    } catch (Exception e) { // a ParseException, or an AnalysisException Scala throws unchecked
      throw new IllegalArgumentException(
          "'" + stream.errorWhen() + "' is not a condition over the stream's fields: " + e, e);
    }
    Expression condition = ((Alias) project.projectList().head()).child();
    if (!condition.dataType().equals(DataTypes.BooleanType)) {
      throw new IllegalArgumentException(
          "'"
              + stream.errorWhen()
              + "' is a "
              + condition.dataType().simpleString()
              + ", not a condition that is true or false");
    }
    Seq<Attribute> columns = project.child().output();
    int[] read =
        IntStream.range(0, columns.size())
            .filter(c -> condition.references().contains(columns.apply(c)))
            .toArray();
    return new ErrorCondition(condition, columns, schema, read);
  }

  /** Whether the event of a row in {@link ParsedColumns#schema} order is an error. */
  public boolean test(Row parsed) {
    if (condition == null) {
      return false;
    }
    if (predicate == null) {
      prepare();
    }
    for (int r = 0; r < read.length; r++) {
      values.update(read[r], toSpark.get(r).apply(parsed.get(read[r])));
    }
    return predicate.eval(values);
  }

  private void prepare() {
    predicate = Predicate.create(condition, columns);
    TaskContext task = TaskContext.get();
    predicate.initialize(task == null ? 0 : task.partitionId());
    toSpark = new ArrayList<>();
    for (int c : read) {
      toSpark.add(CatalystTypeConverters.createToCatalystConverter(schema.fields()[c].dataType()));
    }
    values = new GenericInternalRow(schema.size());
  }
}
