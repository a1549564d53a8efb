package ssa.it;

import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import ssa.config.JobSettings;

/** Reads whole tables through the connector, where a CQL count(*) would time out. */
final class Tables {
  static Dataset<Row> read(SparkSession spark, JobSettings settings, String table) {
    return spark
        .read()
        .format("org.apache.spark.sql.cassandra")
        .options(
            Map.of(
                "keyspace",
                settings.cassandra().keyspace(),
                "table",
                table,
                // The tests' shared session may point at another node (the cluster's, or the one).
                "spark.cassandra.connection.host",
                settings.cassandra().host(),
                "spark.cassandra.connection.port",
                Integer.toString(settings.cassandra().port())))
        .load();
  }

  static long count(SparkSession spark, JobSettings settings, String table) {
    return read(spark, settings, table).count();
  }

  private Tables() {}
}
