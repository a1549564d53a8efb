package ssa.source;

import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.connector.catalog.SupportsRead;
import org.apache.spark.sql.connector.catalog.Table;
import org.apache.spark.sql.connector.catalog.TableCapability;
import org.apache.spark.sql.connector.catalog.TableProvider;
import org.apache.spark.sql.connector.expressions.Transform;
import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.connector.read.streaming.MicroBatchStream;
import org.apache.spark.sql.sources.DataSourceRegister;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/** {@code spark.readStream().format("ssa-tcp")}: the replayable TCP source. */
public final class SsaTcpSourceProvider implements TableProvider, DataSourceRegister {
  static final StructType SCHEMA =
      new StructType()
          .add("value", DataTypes.StringType, false)
          .add("timestamp", DataTypes.TimestampType, false)
          .add("position", DataTypes.LongType, false);

  @Override
  public String shortName() {
    return "ssa-tcp";
  }

  @Override
  public StructType inferSchema(CaseInsensitiveStringMap options) {
    return SCHEMA;
  }

  @Override
  public Table getTable(
      StructType schema, Transform[] partitioning, Map<String, String> properties) {
    return new LinesTable();
  }

  private static final class LinesTable implements SupportsRead {
    @Override
    public String name() {
      return "ssa-tcp";
    }

    // Deprecated since Spark 3.4 in favour of columns(), yet still abstract in 3.5: required.
    @SuppressWarnings("deprecation")
    @Override
    public StructType schema() {
      return SCHEMA;
    }

    @Override
    public Set<TableCapability> capabilities() {
      return Set.of(TableCapability.MICRO_BATCH_READ);
    }

    @Override
    public ScanBuilder newScanBuilder(CaseInsensitiveStringMap options) {
      SsaTcpOptions parsed = SsaTcpOptions.from(options);
      return () ->
          new Scan() {
            @Override
            public StructType readSchema() {
              return SCHEMA;
            }

            @Override
            public MicroBatchStream toMicroBatchStream(String checkpointLocation) {
              return new SsaTcpStream(parsed);
            }
          };
    }
  }
}
