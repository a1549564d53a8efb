package ssa.receiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigResolveOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import ssa.settings.SettingException;

class ReceiverSettingsTest {
  @Test
  void should_document_every_key_and_its_variable_in_reference_conf() throws Exception {
    Config reference =
        ConfigFactory.parseResources("reference.conf").resolve(ConfigResolveOptions.noSystem());
    assertThat(reference.getConfig(ReceiverSetting.ROOT).entrySet())
        .hasSameSizeAs(ReceiverSetting.values());
    String text;
    try (var in = getClass().getResourceAsStream("/reference.conf")) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    for (ReceiverSetting setting : ReceiverSetting.values()) {
      assertThat(reference.hasPath(setting.key())).as(setting.key()).isTrue();
      if (setting.env() != null) {
        String leaf = setting.key().substring(setting.key().lastIndexOf('.') + 1);
        assertThat(text)
            .as(setting.key())
            .containsPattern(
                "(?m)^\\s*" + Pattern.quote(leaf) + " = .*# env " + setting.env() + "$");
      }
    }
  }

  @Test
  void should_read_the_defaults_and_the_environment() {
    ReceiverSettings defaults = ReceiverSettings.load(Map.of());
    assertThat(defaults.httpPort()).isEqualTo(8090);
    assertThat(defaults.tcpPort()).isEqualTo(9191);
    assertThat(defaults.token()).isEmpty();
    assertThat(defaults.ackTimeout()).isEqualTo(Duration.ofSeconds(10));

    ReceiverSettings set =
        ReceiverSettings.load(
            Map.of(
                "SSA_KAFKA_TOPIC",
                "orders",
                "SSA_RECEIVER_TOKEN",
                "t",
                "SSA_RECEIVER_HTTP_PORT",
                "0"));
    assertThat(set.topic()).isEqualTo("orders");
    assertThat(set.token()).contains("t");
    assertThat(set.httpPort()).isZero();
  }

  @Test
  void should_fail_at_start_naming_the_key_of_a_bad_value() {
    assertThatThrownBy(() -> ReceiverSettings.load(Map.of("SSA_RECEIVER_TCP_PORT", "70000")))
        .isInstanceOf(SettingException.class)
        .hasMessageContaining("ssa.receiver.tcp-port");
  }
}
