package ssa.generator;

import static java.util.stream.Collectors.toSet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigResolveOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import ssa.settings.SettingException;

class GeneratorSettingsTest {

  @Test
  void should_document_every_key_in_reference_conf() {
    // Resolved without the environment, so a set SSA_GENERATOR_* variable cannot mask a default.
    Config reference =
        ConfigFactory.parseResources("reference.conf").resolve(ConfigResolveOptions.noSystem());

    assertThat(GeneratorSetting.values())
        .allSatisfy(s -> assertThat(reference.hasPath(s.key())).as(s.key()).isTrue());
    assertThat(reference.getConfig(GeneratorSetting.ROOT).entrySet())
        .hasSameSizeAs(GeneratorSetting.values());
    // And each declared variable is the one reference.conf documents beside the key.
    String text = TestSettings.referenceText();
    for (GeneratorSetting setting : GeneratorSetting.values()) {
      String leaf = setting.key().substring(setting.key().lastIndexOf('.') + 1);
      assertThat(text)
          .as(setting.key())
          .containsPattern(
              "(?m)^\\s*"
                  + java.util.regex.Pattern.quote(leaf)
                  + " = .*# env "
                  + setting.env()
                  + "$");
    }
  }

  @Test
  void should_name_every_environment_variable_as_the_readme_table_says() throws Exception {
    // The README's table gives the generator one row: SSA_GENERATOR_*, the key in capitals.
    List<String> rows =
        Files.readAllLines(Path.of("../README.md")).stream()
            .filter(line -> line.startsWith("| `SSA_GENERATOR_*` |"))
            .toList();
    assertThat(rows).as("the README's SSA_GENERATOR_* row").hasSize(1);

    for (GeneratorSetting setting : GeneratorSetting.values()) {
      String path = setting.key().substring(GeneratorSetting.ROOT.length() + 1);
      assertThat(setting.env())
          .as(setting.key())
          .isEqualTo("SSA_GENERATOR_" + path.toUpperCase(Locale.ROOT).replaceAll("[.-]", "_"));
    }
    Set<String> declared =
        Arrays.stream(GeneratorSetting.values()).map(GeneratorSetting::env).collect(toSet());
    Matcher examples = Pattern.compile("`(SSA_GENERATOR_[A-Z_]+)`").matcher(rows.get(0));
    List<String> named = new ArrayList<>();
    while (examples.find()) {
      named.add(examples.group(1));
    }
    assertThat(named).as("the variables the row names").isNotEmpty().isSubsetOf(declared);
  }

  @Test
  void should_read_the_documented_defaults_from_reference_conf() {
    GeneratorSettings settings = TestSettings.with();

    assertThat(settings.port()).isEqualTo(9999);
    assertThat(settings.bindAddress()).isEqualTo("127.0.0.1");
    assertThat(settings.rate()).isEqualTo(1000);
    assertThat(settings.count()).isZero();
    assertThat(settings.keys()).isEqualTo(10);
    assertThat(settings.clients()).isEqualTo(20);
    assertThat(settings.seed()).isEqualTo(42);
    assertThat(settings.generatorId()).isEqualTo("g1");
    assertThat(settings.format()).isEqualTo(EventFormat.JSON);
    assertThat(settings.outOfOrderFraction()).isEqualTo(0.05);
    assertThat(settings.outOfOrderMaxDelay()).isEqualTo(Duration.ofSeconds(30));
    assertThat(settings.malformedFraction()).isEqualTo(0.001);
    assertThat(settings.startTime()).isEmpty();
    assertThat(settings.reportInterval()).isEqualTo(Duration.ofSeconds(5));
    assertThat(settings.catchUp()).isEqualTo(Duration.ofSeconds(1));
    assertThat(settings.commandWait()).isEqualTo(Duration.ofMillis(300));
    assertThat(settings.linger()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void should_read_a_fixed_start_time_and_the_csv_format() {
    GeneratorSettings settings =
        TestSettings.with(
            GeneratorSetting.START_TIME.key(),
            "2024-01-01T00:00:00Z",
            GeneratorSetting.FORMAT.key(),
            "csv");

    assertThat(settings.startTime()).contains(Instant.parse("2024-01-01T00:00:00Z"));
    assertThat(settings.format()).isEqualTo(EventFormat.CSV);
  }

  @Test
  void should_reject_a_negative_rate_naming_the_key() {
    assertThatThrownBy(() -> TestSettings.with(GeneratorSetting.RATE.key(), -5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("ssa.generator.rate: must be at least 0, was -5");
  }

  @Test
  void should_reject_a_fraction_above_one_naming_the_key() {
    assertThatThrownBy(() -> TestSettings.with(GeneratorSetting.MALFORMED_FRACTION.key(), 1.5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ssa.generator.malformed.fraction");
    assertThatThrownBy(() -> TestSettings.with(GeneratorSetting.OUT_OF_ORDER_FRACTION.key(), -0.1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ssa.generator.out-of-order.fraction");
  }

  @Test
  void should_reject_a_port_out_of_range_naming_the_key() {
    assertThatThrownBy(() -> TestSettings.with(GeneratorSetting.PORT.key(), 70_000))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ssa.generator.port");
    assertThatThrownBy(() -> TestSettings.with(GeneratorSetting.PORT.key(), -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ssa.generator.port");
  }

  @Test
  void should_reject_bad_values_of_other_keys_naming_the_key() {
    assertThatThrownBy(() -> TestSettings.with(GeneratorSetting.KEYS.key(), 0))
        .hasMessageContaining(GeneratorSetting.KEYS.key());
    assertThatThrownBy(() -> TestSettings.with(GeneratorSetting.CLIENTS.key(), 0))
        .hasMessage("ssa.generator.clients: must be between 1 and 1000000, was 0");
    assertThatThrownBy(() -> TestSettings.with(GeneratorSetting.CLIENTS.key(), 1_000_001))
        .hasMessage("ssa.generator.clients: must be between 1 and 1000000, was 1000001");
    assertThatThrownBy(() -> TestSettings.with(GeneratorSetting.FORMAT.key(), "xml"))
        .hasMessageContaining(GeneratorSetting.FORMAT.key());
    assertThatThrownBy(() -> TestSettings.with(GeneratorSetting.START_TIME.key(), "yesterday"))
        .hasMessageContaining(GeneratorSetting.START_TIME.key());
    assertThatThrownBy(() -> TestSettings.with(GeneratorSetting.OUT_OF_ORDER_MAX_DELAY.key(), "0s"))
        .hasMessageContaining(GeneratorSetting.OUT_OF_ORDER_MAX_DELAY.key());
    assertThatThrownBy(() -> TestSettings.with(GeneratorSetting.ID.key(), "a,b"))
        .hasMessageContaining(GeneratorSetting.ID.key());
    assertThatThrownBy(() -> TestSettings.with(GeneratorSetting.LINGER.key(), "-1s"))
        .hasMessageContaining(GeneratorSetting.LINGER.key());
    assertThatThrownBy(() -> TestSettings.with(GeneratorSetting.RATE.key(), "fast"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("rate");
  }

  @Test
  void should_reject_a_config_missing_a_key_naming_the_key() {
    Config incomplete =
        ConfigFactory.defaultReference().withoutPath(GeneratorSetting.OUT_OF_ORDER_MAX_DELAY.key());

    assertThatThrownBy(() -> GeneratorSettings.from(incomplete))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(GeneratorSetting.OUT_OF_ORDER_MAX_DELAY.key());
  }

  @Test
  void should_let_command_line_options_override_the_config() {
    GeneratorSettings settings =
        GeneratorSettings.load(
            "--port",
            "0",
            "--rate=250",
            "--count",
            "7",
            "--linger",
            "0s",
            "--format",
            "csv",
            "--out-of-order",
            "0.2",
            "--max-delay",
            "3s",
            "--malformed",
            "0.5",
            "--start-time",
            "2024-01-01T00:00:00Z",
            "--id",
            "g9",
            "--keys",
            "3",
            "--clients",
            "250",
            "--seed",
            "-1",
            "--bind",
            "0.0.0.0");

    assertThat(settings.port()).isZero();
    assertThat(settings.rate()).isEqualTo(250);
    assertThat(settings.count()).isEqualTo(7);
    assertThat(settings.linger()).isZero();
    assertThat(settings.format()).isEqualTo(EventFormat.CSV);
    assertThat(settings.outOfOrderFraction()).isEqualTo(0.2);
    assertThat(settings.outOfOrderMaxDelay()).isEqualTo(Duration.ofSeconds(3));
    assertThat(settings.malformedFraction()).isEqualTo(0.5);
    assertThat(settings.startTime()).contains(Instant.parse("2024-01-01T00:00:00Z"));
    assertThat(settings.generatorId()).isEqualTo("g9");
    assertThat(settings.keys()).isEqualTo(3);
    assertThat(settings.clients()).isEqualTo(250);
    assertThat(settings.seed()).isEqualTo(-1);
    assertThat(settings.bindAddress()).isEqualTo("0.0.0.0");
  }

  @Test
  void should_let_environment_variables_override_config_but_not_options() {
    GeneratorSettings fromEnv =
        GeneratorSettings.load(
            java.util.Map.of(
                "SSA_GENERATOR_RATE",
                "1234",
                "SSA_GENERATOR_KEYS",
                "7",
                "SSA_GENERATOR_CLIENTS",
                "1000000"),
            new java.util.Properties(),
            "--keys",
            "9");
    assertThat(fromEnv.rate()).isEqualTo(1234);
    assertThat(fromEnv.keys()).isEqualTo(9);
    assertThat(fromEnv.clients()).isEqualTo(1_000_000);
  }

  @Test
  void should_keep_config_values_for_options_not_given() {
    GeneratorSettings settings = GeneratorSettings.load("--rate", "5");

    assertThat(settings.rate()).isEqualTo(5);
    assertThat(settings.keys()).isEqualTo(10);
    assertThat(settings.clients()).isEqualTo(20);
  }

  @Test
  void should_reject_a_bad_option_value_naming_the_key() {
    assertThatThrownBy(() -> GeneratorSettings.load("--rate", "-5"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("ssa.generator.rate: must be at least 0, was -5");
    assertThatThrownBy(() -> GeneratorSettings.load("--max-delay", "soon"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("max-delay");
  }

  @Test
  void should_reject_an_unknown_option_or_a_missing_value() {
    assertThatThrownBy(() -> GeneratorSettings.load("--speed", "5"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--speed");
    assertThatThrownBy(() -> GeneratorSettings.load("--rate"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--rate");
  }

  @Test
  void should_list_every_option_in_the_usage() {
    assertThat(GeneratorCommandLine.OPTIONS.usage(GeneratorCommandLine.USAGE_HEADER))
        .contains("--port", "--bind", "--rate", "--count", "--keys", "--seed", "--format")
        .contains("--clients")
        .contains("--out-of-order", "--max-delay", "--malformed", "--start-time", "--id")
        .contains("--linger", "--config")
        .contains("--help");
    assertThat(GeneratorCommandLine.OPTIONS.parse("--rate", "5", "--help").help()).isTrue();
  }

  @Test
  void should_refuse_a_misspelt_key_naming_the_nearest_one() {
    assertThatThrownBy(() -> TestSettings.with("ssa.generator.raet", 5))
        .isInstanceOf(SettingException.class)
        .hasMessageStartingWith("ssa.generator.raet: is not a setting of ssa.generator")
        .hasMessageEndingWith("did you mean ssa.generator.rate?");
    assertThatThrownBy(() -> GeneratorSettings.load("--rat", "5"))
        .isInstanceOf(SettingException.class)
        .hasMessage("--rat: is not an option (see --help); did you mean --rate?");
  }

  @Test
  void should_layer_options_over_environment_over_system_properties_over_the_file(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws java.io.IOException {
    java.nio.file.Path file = dir.resolve("generator.conf");
    java.nio.file.Files.writeString(
        file, "ssa.generator { rate = 1, keys = 1, seed = 1, count = 1 }");
    java.util.Properties system = new java.util.Properties();
    system.setProperty("ssa.generator.rate", "2");
    system.setProperty("ssa.generator.keys", "2");
    system.setProperty("ssa.generator.seed", "2");
    GeneratorSettings settings =
        GeneratorSettings.load(
            java.util.Map.of("SSA_GENERATOR_RATE", "3", "SSA_GENERATOR_KEYS", "3"),
            system,
            "--rate",
            "4",
            "--config",
            file.toString());
    assertThat(settings.rate()).isEqualTo(4);
    assertThat(settings.keys()).isEqualTo(3);
    assertThat(settings.seed()).isEqualTo(2);
    assertThat(settings.count()).isEqualTo(1);
    assertThat(settings.linger()).isEqualTo(Duration.ofSeconds(10));
    assertThatThrownBy(
            () -> GeneratorSettings.load(java.util.Map.of(), system("ssa.generator.rate", "-1")))
        .hasMessageStartingWith("ssa.generator.rate: must be at least 0");
  }

  private static java.util.Properties system(String key, String value) {
    java.util.Properties properties = new java.util.Properties();
    properties.setProperty(key, value);
    return properties;
  }
}
