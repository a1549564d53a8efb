package ssa.cli;

import com.datastax.oss.driver.api.core.CqlSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ssa.config.JobSettings;
import ssa.rollup.Grain;
import ssa.rollup.RollupKey;
import ssa.store.RollupKeyIndex;
import ssa.store.SchemaApplier;
import ssa.store.Sessions;
import ssa.store.Tables;

/**
 * Brings a keyspace made by an older schema to the current one (README, "Migrating a keyspace"):
 * events_raw and dead_letter partitioned by hour too, rollups by rollup definition too (the older
 * rows, grouped by the stream's key field, become the rows of the first definition grouped by that
 * field alone), rows that expire where schema.cql says so (batch_stats). A table's partition key
 * cannot change in place, so each outdated table is copied to Parquet files, dropped, created again
 * from schema.cql and filled from the copy. A run that stops half-way is run again: a copy that
 * exists is what fills the table.
 */
public final class Migration {
  private static final Logger LOG = LoggerFactory.getLogger(Migration.class);

  /** Where each table partitioned by hour now takes its hour from. */
  private static final Map<String, String> HOUR_FROM =
      Map.of("events_raw", "event_time", "dead_letter", "received_at");

  /** The tables this migration knows how to rewrite. */
  private static final List<String> MIGRATED = List.of("events_raw", "dead_letter", "rollups");

  private final JobSettings settings;
  private final String copies;

  /**
   * @param copies a Hadoop URI of a directory for the tables' copies (file:// with local Spark,
   *     hdfs:// on a cluster: every executor writes there)
   */
  public Migration(JobSettings settings, String copies) {
    this.settings = settings;
    this.copies = copies;
  }

  /** Migrates what needs it; returns the rows rewritten per table. */
  public Map<String, Long> run(SparkSession spark) {
    String keyspace = settings.cassandra().keyspace();
    Map<String, Long> rewritten = new java.util.LinkedHashMap<>();
    try (CqlSession session = Sessions.open(settings.cassandra())) {
      List<String> pending = new ArrayList<>();
      for (String table : MIGRATED) {
        if (exists(spark, copy(table))) {
          pending.add(table);
        }
      }
      for (String table : SchemaApplier.outdatedTables(session, keyspace).keySet()) {
        if (!MIGRATED.contains(table)) {
          throw new IllegalStateException("no migration for table " + table);
        }
        if (!pending.contains(table)) {
          LOG.info("copying {}.{} to {}", keyspace, table, copy(table));
          read(spark, table).write().mode(SaveMode.Overwrite).parquet(copy(table));
          pending.add(table);
        }
        session.execute("DROP TABLE " + keyspace + "." + table);
      }
      SchemaApplier.apply(session, keyspace, settings.cassandra().replication());
      for (String table : pending) {
        Dataset<Row> rows = toCurrent(table, spark.read().parquet(copy(table)));
        long count = rows.count();
        rows.write()
            .format("org.apache.spark.sql.cassandra")
            .options(Map.of("keyspace", keyspace, "table", table))
            .mode(SaveMode.Append)
            .save();
        LOG.info("wrote {} rows back to {}.{}", count, keyspace, table);
        rewritten.put(table, count);
        delete(spark, copy(table));
      }
      SchemaApplier.outdatedTimeToLive(session, keyspace)
          .forEach(
              (table, seconds) -> {
                session.execute(
                    "ALTER TABLE "
                        + keyspace
                        + "."
                        + table
                        + " WITH default_time_to_live = "
                        + seconds);
                LOG.info("{} rows now expire after {} s", table, seconds);
              });
      long keys = indexRollupKeys(session, keyspace);
      if (keys > 0) {
        rewritten.put(Tables.ROLLUP_KEYS, keys);
      }
    }
    return rewritten;
  }

  /**
   * Lists in rollup_keys every key that has rollup rows, for a keyspace older than that table: the
   * job lists only the keys it writes. A scan of rollups' partition keys, once, here only.
   */
  private static long indexRollupKeys(CqlSession session, String keyspace) {
    List<RollupKey> keys = new ArrayList<>();
    for (com.datastax.oss.driver.api.core.cql.Row row :
        session.execute(
            "SELECT DISTINCT rollup, grain, key, period FROM " + keyspace + ".rollups")) {
      keys.add(
          new RollupKey(
              row.getString("rollup"),
              Grain.byId(row.getString("grain")),
              row.getString("key"),
              row.getInstant("period"),
              row.getInstant("period")));
    }
    new RollupKeyIndex(session, keyspace).record(keys);
    return keys.stream().map(k -> k.rollup() + "\n" + k.key()).distinct().count();
  }

  /** A copied table's rows with the columns the current schema keys them by. */
  private Dataset<Row> toCurrent(String table, Dataset<Row> rows) {
    List<String> columns = List.of(rows.columns());
    if (HOUR_FROM.containsKey(table) && !columns.contains("hour")) {
      return rows.withColumn("hour", hourOf(rows.col(HOUR_FROM.get(table))));
    }
    if (table.equals("rollups") && !columns.contains("rollup")) {
      // Every event of the older schema carried its measures, so each was counted as a sample.
      return rows.withColumn("rollup", functions.lit(rollupOfOlderRows()))
          .withColumn(
              "samples", functions.expr("transform_values(sum, (m, v) -> cast(count AS double))"))
          .withColumn(
              "prior_samples",
              functions.expr("transform_values(prior_sum, (m, v) -> cast(prior_count AS double))"))
          .withColumn("avg", functions.expr("transform_values(sum, (m, v) -> v / count)"));
    }
    return rows;
  }

  /** The definition the older rollups rows belong to: the first grouped by the key field alone. */
  private String rollupOfOlderRows() {
    String keyField = settings.stream().keyField();
    return settings.rollups().stream()
        .filter(r -> r.groupBy().equals(List.of(keyField)))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "the rollups of the older schema are grouped by the key field '"
                        + keyField
                        + "': configure a rollup definition with group-by = [\""
                        + keyField
                        + "\"] to keep them, then run ./run.sh migrate again"))
        .name();
  }

  /** The UTC hour of a timestamp, as events_raw and dead_letter store it. */
  private static Column hourOf(Column time) {
    // The job's sessions run in UTC (SparkSessions), so hour() is the UTC hour.
    return functions.hour(time).cast(DataTypes.ByteType);
  }

  private Dataset<Row> read(SparkSession spark, String table) {
    return spark
        .read()
        .format("org.apache.spark.sql.cassandra")
        .options(Map.of("keyspace", settings.cassandra().keyspace(), "table", table))
        .load();
  }

  private String copy(String table) {
    return copies + "/" + settings.cassandra().keyspace() + "." + table;
  }

  private static boolean exists(SparkSession spark, String uri) {
    try {
      org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(uri);
      return path.getFileSystem(spark.sparkContext().hadoopConfiguration()).exists(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void delete(SparkSession spark, String uri) {
    try {
      org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(uri);
      path.getFileSystem(spark.sparkContext().hadoopConfiguration()).delete(path, true);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
