package ssa.serve;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import ssa.config.JobSettings;
import ssa.config.ServeSettings;
import ssa.job.JobCommandLine;
import ssa.store.SchemaApplier;
import ssa.store.Sessions;

/**
 * {@code ./run.sh serve}: the query API on {@code ssa.job.serve.http-host:http-port}, reading the
 * job's keyspace. Runs until stopped.
 */
public final class ServeMain {
  public static void main(String[] args) throws Exception {
    JobSettings settings = JobSettings.load(JobCommandLine.configFile(args));
    ServeSettings serve = settings.serve();
    CqlSession session = Sessions.open(settings.cassandra());
    String keyspace = settings.cassandra().keyspace();
    SchemaApplier.apply(session, keyspace, settings.cassandra().replication());
    RollupQueries queries = new RollupQueries(session, keyspace, settings.rollups());
    ApiServer server =
        ApiServer.start(
            new InetSocketAddress(serve.host(), serve.port()),
            serve.requiredToken(),
            queries,
            new RawQueries(session, keyspace),
            () -> health(session, keyspace, settings.name()));
    System.out.println(
        "ssa serve: http://"
            + server.address().getHostString()
            + ":"
            + server.address().getPort()
            + ApiServer.BASE
            + "/rollups");
    Thread.currentThread().join();
  }

  /** The job's newest batch and progress, from batch_stats and stream_progress. */
  public static Map<String, Object> health(CqlSession session, String keyspace, String job) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("status", "ok");
    Row progress =
        session
            .execute(
                "SELECT max_event_time, received_until, updated_at FROM "
                    + keyspace
                    + ".stream_progress WHERE job = ?",
                job)
            .one();
    if (progress != null) {
      out.put("maxEventTime", String.valueOf(progress.getInstant("max_event_time")));
      out.put("receivedUntil", String.valueOf(progress.getInstant("received_until")));
      out.put("progressUpdatedAt", String.valueOf(progress.getInstant("updated_at")));
    }
    return out;
  }

  private ServeMain() {}
}
