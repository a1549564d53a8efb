package ssa.launcher;

import java.util.ArrayList;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import ssa.launcher.cassandra.CassandraOptions;

/**
 * The local cluster ({@link LocalCluster}) for the tests that kill its parts: used as it is when
 * every daemon runs, else started, and then stopped once every test class of the JVM has run. Its
 * Cassandra nodes listen on 127.0.0.2-4, so it runs beside the tests' single node.
 */
public final class LocalClusterExtension implements BeforeAllCallback {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(LocalClusterExtension.class);

  @Override
  public void beforeAll(ExtensionContext context) {
    LocalCluster cluster = cluster();
    StartedForTests.ensure(
        context, NAMESPACE, () -> cluster.status(new ArrayList<>()), cluster::start, cluster::stop);
  }

  /** The cluster as the launcher runs it, to kill and start its parts in a test. */
  public static LocalCluster cluster() {
    return new LocalCluster(CassandraOptions.fromEnvironment(System.getenv(), RepoRoot.find()));
  }
}
