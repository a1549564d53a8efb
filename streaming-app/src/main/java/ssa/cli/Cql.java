package ssa.cli;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import java.util.Arrays;
import ssa.config.CassandraSettings;
import ssa.config.JobSettings;
import ssa.job.JobCommandLine;
import ssa.store.OutdatedSchemaException;
import ssa.store.SchemaApplier;
import ssa.store.Sessions;

/**
 * What {@code run.sh schema} and {@code run.sh cql} run, for machines without cqlsh: {@code schema}
 * applies cql/schema.cql; {@code query "SELECT ..."} prints a cqlsh-style table. Both use the job's
 * Cassandra settings, so a query names tables without a keyspace.
 */
public final class Cql {
  public static void main(String[] args) throws InterruptedException {
    if (args.length == 0 || !java.util.Set.of("schema", "query", "watch").contains(args[0])) {
      System.err.println(
          "usage: Cql schema | query \"CQL\" | watch [SECONDS]   (each may end with --config FILE)");
      System.exit(2);
    }
    JobSettings settings = JobSettings.load(JobCommandLine.configFile(args));
    CassandraSettings cassandra = settings.cassandra();
    try (CqlSession session = Sessions.open(cassandra)) {
      try {
        SchemaApplier.apply(session, cassandra.keyspace(), cassandra.replication());
      } catch (OutdatedSchemaException outdated) {
        System.err.println("ssa cql: " + outdated.getMessage());
        System.exit(1);
      }
      if (args[0].equals("schema")) {
        System.out.println("schema applied to keyspace " + cassandra.keyspace());
        return;
      }
      if (args[0].equals("watch")) {
        int seconds = args.length > 1 && args[1].matches("\\d+") ? Integer.parseInt(args[1]) : 5;
        new RollupWatch(session, cassandra.keyspace(), settings.rollups())
            .run(java.time.Duration.ofSeconds(seconds));
        return;
      }
      String cql =
          Arrays.stream(args, 1, args.length)
              .filter(a -> !a.equals("--config"))
              .findFirst()
              .orElseThrow(() -> new IllegalArgumentException("query needs a CQL statement"));
      ResultSet rows = session.execute(cql);
      System.out.print(TablePrinter.format(rows));
    }
  }

  private Cql() {}
}
