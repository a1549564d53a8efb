package ssa.launcher.cassandra;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import ssa.launcher.Ports;
import ssa.launcher.RepoRoot;
import ssa.launcher.StartedForTests;

/**
 * A Cassandra node for integration tests, one per test JVM: a node that already answers at
 * SSA_CASSANDRA_HOST:SSA_CASSANDRA_PORT (default 127.0.0.1:9042) is used as it is; otherwise the
 * local node is started ({@link LocalCassandra#single}, with SSA_CASSANDRA_AUTH and the other
 * launcher variables) and stopped once every test class of the JVM has run. So {@code mvn verify}
 * needs nothing started beforehand, and a developer's running node is neither restarted nor
 * stopped.
 */
public final class LocalCassandraExtension implements BeforeAllCallback {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(LocalCassandraExtension.class);

  @Override
  public void beforeAll(ExtensionContext context) {
    String host = System.getenv().getOrDefault("SSA_CASSANDRA_HOST", "127.0.0.1");
    LocalCassandra local = local();
    int port = local.nodes().get(0).cqlPort();
    StartedForTests.ensure(
        context,
        NAMESPACE,
        () -> Ports.open(host, port),
        () -> {
          if (!host.equals("127.0.0.1") && !host.equals("localhost")) {
            throw new IllegalStateException(
                "no Cassandra answers at "
                    + host
                    + ":"
                    + port
                    + " (SSA_CASSANDRA_HOST), and only a local node can be started for the tests");
          }
          local.start();
        },
        local::stop);
  }

  /** The local node as the launcher runs it, to stop, kill or start again in a test. */
  public static LocalCassandra local() {
    return LocalCassandra.single(
        CassandraOptions.fromEnvironment(System.getenv(), RepoRoot.find()));
  }
}
