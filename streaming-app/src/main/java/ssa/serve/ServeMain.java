package ssa.serve;

import com.datastax.oss.driver.api.core.CqlSession;
import java.net.InetSocketAddress;
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
    ApiServer server =
        ApiServer.start(
            new InetSocketAddress(serve.host(), serve.port()),
            serve.requiredToken(),
            session,
            settings);
    System.out.println(
        "ssa serve: http://"
            + server.address().getHostString()
            + ":"
            + server.address().getPort()
            + "/  (dashboard; the API under "
            + ApiServer.BASE
            + ")");
    Thread.currentThread().join();
  }

  private ServeMain() {}
}
