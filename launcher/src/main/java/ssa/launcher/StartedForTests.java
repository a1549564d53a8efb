package ssa.launcher;

import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Engines a JUnit extension made sure of for a test JVM: started only when {@code running} says
 * they are not, and then stopped when the JVM's last test class is done; kept in the root context's
 * store, which closes it then.
 */
public final class StartedForTests implements ExtensionContext.Store.CloseableResource {
  private final Runnable stop;

  private StartedForTests(Runnable stop) {
    this.stop = stop;
  }

  /** Once per test JVM and namespace: starts the engines unless they run. */
  public static void ensure(
      ExtensionContext context,
      ExtensionContext.Namespace namespace,
      BooleanSupplier running,
      Runnable start,
      Runnable stop) {
    context
        .getRoot()
        .getStore(namespace)
        .getOrComputeIfAbsent(
            StartedForTests.class,
            key -> {
              if (running.getAsBoolean()) {
                return new StartedForTests(() -> {});
              }
              start.run();
              return new StartedForTests(stop);
            },
            StartedForTests.class);
  }

  @Override
  public void close() {
    stop.run();
  }
}
