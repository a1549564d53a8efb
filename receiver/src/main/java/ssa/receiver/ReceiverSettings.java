package ssa.receiver;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import ssa.settings.Settings;

/** The receiver's settings, checked: a bad value fails at start, naming its key. */
public record ReceiverSettings(
    String bootstrapServers,
    String topic,
    String host,
    int httpPort,
    int tcpPort,
    Optional<String> token,
    int maxRequestBytes,
    int maxLineBytes,
    int maxRequests,
    int maxConnections,
    Duration ackTimeout,
    Duration idleTimeout) {

  /** Environment variables, then JVM system properties, application.conf, reference.conf. */
  public static ReceiverSettings load() {
    return of(
        ReceiverSetting.LOADER.load(
            ConfigFactory.empty(), System.getenv(), System.getProperties(), Optional.empty()));
  }

  static ReceiverSettings load(Map<String, String> environment) {
    return of(
        ReceiverSetting.LOADER.load(
            ConfigFactory.empty(), environment, new Properties(), Optional.empty()));
  }

  /** From a complete configuration (one that falls back to reference.conf). */
  public static ReceiverSettings from(Config config) {
    return of(ReceiverSetting.LOADER.check(config.resolve()));
  }

  private static ReceiverSettings of(Settings read) {
    String token = read.string(ReceiverSetting.TOKEN);
    return new ReceiverSettings(
        read.string(ReceiverSetting.BOOTSTRAP_SERVERS),
        read.string(ReceiverSetting.TOPIC),
        read.string(ReceiverSetting.HOST),
        read.intValue(ReceiverSetting.HTTP_PORT),
        read.intValue(ReceiverSetting.TCP_PORT),
        token.isEmpty() ? Optional.empty() : Optional.of(token),
        read.intValue(ReceiverSetting.MAX_REQUEST_BYTES),
        read.intValue(ReceiverSetting.MAX_LINE_BYTES),
        read.intValue(ReceiverSetting.MAX_REQUESTS),
        read.intValue(ReceiverSetting.MAX_CONNECTIONS),
        read.duration(ReceiverSetting.ACK_TIMEOUT),
        read.duration(ReceiverSetting.IDLE_TIMEOUT));
  }
}
