package ssa.receiver;

import static ssa.settings.ValueType.duration;
import static ssa.settings.ValueType.intIn;
import static ssa.settings.ValueType.nonEmptyText;

import java.time.Duration;
import java.util.List;
import ssa.settings.Declaration;
import ssa.settings.Setting;
import ssa.settings.SettingsLoader;
import ssa.settings.ValueType;

/**
 * Every setting of the receiver, declared once: path, type and range, environment variable.
 * reference.conf gives each its default and documentation; a test holds the two together.
 */
public enum ReceiverSetting implements Setting {
  BOOTSTRAP_SERVERS("bootstrap-servers", nonEmptyText(), "SSA_KAFKA_BOOTSTRAP_SERVERS"),
  TOPIC("topic", nonEmptyText(), "SSA_KAFKA_TOPIC"),
  HOST("host", nonEmptyText(), "SSA_RECEIVER_HOST"),
  HTTP_PORT("http-port", intIn(-1, 65535), "SSA_RECEIVER_HTTP_PORT"),
  TCP_PORT("tcp-port", intIn(-1, 65535), "SSA_RECEIVER_TCP_PORT"),
  TOKEN("token", ValueType.text(), "SSA_RECEIVER_TOKEN"),
  MAX_REQUEST_BYTES("max-request-bytes", intIn(1, Integer.MAX_VALUE), null),
  MAX_LINE_BYTES("max-line-bytes", intIn(1, Integer.MAX_VALUE), null),
  MAX_REQUESTS("max-requests", intIn(1, 100_000), null),
  MAX_CONNECTIONS("max-connections", intIn(1, 100_000), null),
  ACK_TIMEOUT("ack-timeout", duration(Duration.ofMillis(1), false), null),
  IDLE_TIMEOUT("idle-timeout", duration(Duration.ofMillis(1), false), null);

  public static final String ROOT = "ssa.receiver";

  /** Reads, layers and checks the receiver's settings. */
  public static final SettingsLoader LOADER = new SettingsLoader(ROOT, List.of(values()));

  private final Declaration declaration;

  ReceiverSetting(String path, ValueType type, String env) {
    this.declaration = Declaration.under(ROOT, path, type, env);
  }

  @Override
  public Declaration declaration() {
    return declaration;
  }

  @Override
  public String toString() {
    return key();
  }
}
