package ssa.launcher.kafka;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import ssa.launcher.Ports;
import ssa.launcher.StartedForTests;

/**
 * A Kafka broker for integration tests, one per test JVM: a broker already answering on
 * 127.0.0.1:9092 is used as it is; otherwise the local one is started and stopped once every test
 * class of the JVM has run.
 */
public final class LocalKafkaExtension implements BeforeAllCallback {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(LocalKafkaExtension.class);

  @Override
  public void beforeAll(ExtensionContext context) {
    LocalKafka kafka = local();
    StartedForTests.ensure(
        context,
        NAMESPACE,
        () -> Ports.open("127.0.0.1", LocalKafka.PORT),
        kafka::start,
        kafka::stop);
  }

  /** The local broker as the launcher runs it, to kill or start again in a test. */
  public static LocalKafka local() {
    return LocalKafka.fromEnvironment();
  }
}
