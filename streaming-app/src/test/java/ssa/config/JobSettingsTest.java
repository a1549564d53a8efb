package ssa.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigResolveOptions;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import ssa.parse.WireFormat;
import ssa.settings.SettingException;

class JobSettingsTest {
  @Test
  void should_declare_exactly_the_keys_of_reference_conf_with_their_variables() throws Exception {
    Config reference =
        ConfigFactory.parseResources("reference.conf").resolve(ConfigResolveOptions.noSystem());
    for (JobSetting setting : JobSetting.values()) {
      assertThat(reference.hasPath(setting.key())).as(setting.key()).isTrue();
    }
    // Every path of reference.conf is declared (the pass-through object has no leaves).
    assertThat(reference.getConfig(JobSetting.ROOT).entrySet())
        .allSatisfy(
            e ->
                assertThat(java.util.Arrays.stream(JobSetting.values()).map(JobSetting::key))
                    .contains(JobSetting.ROOT + "." + e.getKey()));
    String text;
    try (var in = JobSettingsTest.class.getResourceAsStream("/reference.conf")) {
      text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
    for (JobSetting setting : JobSetting.values()) {
      String leaf = setting.key().substring(setting.key().lastIndexOf('.') + 1);
      String documented = "(?m)^\\s*" + Pattern.quote(leaf) + " = [^#]*# env ";
      if (setting.env() == null) {
        assertThat(text).as(setting.key()).doesNotContainPattern(documented + "\\S+$");
      } else {
        assertThat(text)
            .as(setting.key())
            .containsPattern(documented + Pattern.quote(setting.env()) + "$");
      }
    }
  }

  @Test
  void should_list_every_environment_variable_in_the_readme_table() throws Exception {
    String readme = java.nio.file.Files.readString(java.nio.file.Path.of("../README.md"));
    java.util.Set<String> listed = new java.util.TreeSet<>();
    for (String line : readme.split("\n")) {
      if (line.startsWith("| `SSA_")) {
        java.util.regex.Matcher name =
            Pattern.compile("`(SSA_[A-Z_]+)`").matcher(line.substring(0, line.indexOf(" |", 2)));
        while (name.find()) {
          listed.add(name.group(1));
        }
      }
    }
    java.util.Set<String> declared = new java.util.TreeSet<>();
    for (JobSetting setting : JobSetting.values()) {
      if (setting.env() != null) {
        declared.add(setting.env());
      }
    }
    // Both ways: no declared variable missing, none listed that the job does not read.
    assertThat(listed).isEqualTo(declared);
  }

  @Test
  void should_refuse_a_misspelt_key_naming_the_nearest_one() {
    assertThatThrownBy(() -> TestConfigs.settings("ssa.job.trigger-intreval = 1s"))
        .isInstanceOf(SettingException.class)
        .hasMessageStartingWith("ssa.job.trigger-intreval: is not a setting of ssa.job")
        .hasMessageEndingWith("did you mean ssa.job.trigger-interval?");
    // The right name in the wrong place is found by its last part.
    assertThatThrownBy(() -> TestConfigs.settings("ssa.job.batch-rows = 10"))
        .hasMessageEndingWith("did you mean ssa.job.cassandra.write.batch-rows?");
    assertThatThrownBy(
            () ->
                TestConfigs.settings(
                    "ssa.job.stream.fields = [{name = id, type = string, requried = false}]"))
        .hasMessageStartingWith("ssa.job.stream.fields[0].requried")
        .hasMessageEndingWith("did you mean required?");
  }

  @Test
  void should_read_system_properties_under_the_environment() {
    java.util.Properties system = new java.util.Properties();
    system.setProperty("ssa.job.trigger-interval", "9s");
    system.setProperty("ssa.job.shuffle-partitions", "6");
    JobSettings settings =
        JobSettings.load(
            java.util.Optional.empty(), java.util.Map.of("SSA_TRIGGER_INTERVAL", "2s"), system);
    assertThat(settings.triggerInterval()).isEqualTo(Duration.ofSeconds(2));
    assertThat(settings.shufflePartitions()).isEqualTo(6);
    system.setProperty("ssa.job.shuffle-partitions", "many");
    assertThatThrownBy(
            () -> JobSettings.load(java.util.Optional.empty(), java.util.Map.of(), system))
        .hasMessageStartingWith("ssa.job.shuffle-partitions: must be an integer");
  }

  @Test
  void should_hand_connector_settings_through_verbatim() {
    JobSettings settings =
        TestConfigs.settings(
            "ssa.job.cassandra.connector { output.batch.grouping.key = none,"
                + " output.concurrent.writes = 7 }");
    assertThat(settings.cassandra().connectorConf())
        .containsEntry("spark.cassandra.output.batch.grouping.key", "none")
        .containsEntry("spark.cassandra.output.concurrent.writes", "7");
  }

  @Test
  void should_let_environment_variables_override_the_application_file() throws Exception {
    java.io.File file = java.io.File.createTempFile("ssa-test", ".conf");
    file.deleteOnExit();
    java.nio.file.Files.writeString(
        file.toPath(), "ssa.job { trigger-interval = 7s, shuffle-partitions = 3 }");
    JobSettings settings =
        JobSettings.load(
            java.util.Optional.of(file),
            java.util.Map.of("SSA_TRIGGER_INTERVAL", "2s", "SSA_CASSANDRA_HOST", "10.1.2.3"),
            new java.util.Properties());
    assertThat(settings.triggerInterval()).isEqualTo(Duration.ofSeconds(2));
    assertThat(settings.shufflePartitions()).isEqualTo(3);
    assertThat(settings.cassandra().host()).isEqualTo("10.1.2.3");
  }

  @Test
  void should_name_the_key_of_a_bad_environment_value() {
    assertThatThrownBy(
            () ->
                JobSettings.load(
                    java.util.Optional.empty(),
                    java.util.Map.of("SSA_SOURCE_PORT", "0"),
                    new java.util.Properties()))
        .hasMessageContaining("ssa.job.source.port");
  }

  @Test
  void should_read_the_defaults() {
    JobSettings settings = TestConfigs.settings("");
    assertThat(settings.source().port()).isEqualTo(9999);
    assertThat(settings.stream().format()).isEqualTo(WireFormat.JSON);
    assertThat(settings.stream().keyField()).isEqualTo("api");
    assertThat(settings.stream().measures()).containsExactly("latency_ms");
    assertThat(settings.triggerInterval()).isEqualTo(Duration.ofSeconds(5));
    assertThat(settings.cassandra().keyspace()).isEqualTo("ssa");
    assertThat(settings.cassandra().connectorConf())
        .containsEntry("spark.cassandra.output.concurrent.writes", "20")
        .doesNotContainKey("spark.cassandra.output.throughputMBPerSec");
  }

  @Test
  void should_describe_a_stream_of_ones_own() {
    JobSettings settings =
        TestConfigs.settings(
            "ssa.job.stream { format = csv, fields = ["
                + "{name = order, type = string}, {name = customer, type = string},"
                + "{name = phone, type = string, required = false}, {name = cost, type = double},"
                + "{name = ts, type = long, required = false}],"
                + "id-field = order, key-field = customer, time-field = ts, measures = [cost],"
                + "error-when = \"\" }");
    assertThat(settings.stream().format()).isEqualTo(WireFormat.CSV);
    assertThat(settings.stream().attributeFields())
        .extracting(f -> f.name())
        .containsExactly("phone");
    assertThat(settings.stream().hasErrorCondition()).isFalse();
  }

  @Test
  void should_name_the_key_of_an_out_of_range_value() {
    assertThatThrownBy(() -> TestConfigs.settings("ssa.job.source.port = 70000"))
        .isInstanceOf(SettingException.class)
        .hasMessageContaining("ssa.job.source.port");
    assertThatThrownBy(() -> TestConfigs.settings("ssa.job.cassandra.write.concurrent-writes = 0"))
        .hasMessageContaining("ssa.job.cassandra.write.concurrent-writes");
    assertThatThrownBy(() -> TestConfigs.settings("ssa.job.trigger-interval = 0s"))
        .hasMessageContaining("ssa.job.trigger-interval");
  }

  @Test
  void should_name_the_key_of_a_value_of_the_wrong_type() {
    assertThatThrownBy(() -> TestConfigs.settings("ssa.job.shuffle-partitions = many"))
        .isInstanceOf(SettingException.class)
        .hasMessageContaining("shuffle-partitions");
  }

  @Test
  void should_reject_unknown_choices() {
    assertThatThrownBy(() -> TestConfigs.settings("ssa.job.stream.format = xml"))
        .hasMessageContaining("ssa.job.stream.format");
    assertThatThrownBy(
            () -> TestConfigs.settings("ssa.job.cassandra.write.consistency-level = MOST"))
        .hasMessageContaining("ssa.job.cassandra.write.consistency-level");
    assertThatThrownBy(() -> TestConfigs.settings("ssa.job.checkpoint-location = \"/tmp/x\""))
        .hasMessageContaining("ssa.job.checkpoint-location");
    assertThatThrownBy(() -> TestConfigs.settings("ssa.job.cassandra.keyspace = \"bad-name\""))
        .hasMessageContaining("ssa.job.cassandra.keyspace");
  }

  @Test
  void should_reject_a_stream_description_that_does_not_hold_together() {
    assertThatThrownBy(() -> TestConfigs.settings("ssa.job.stream.key-field = nope"))
        .hasMessageContaining("ssa.job.stream.key-field");
    assertThatThrownBy(() -> TestConfigs.settings("ssa.job.stream.measures = [api]"))
        .hasMessageContaining("ssa.job.stream.measures");
    assertThatThrownBy(() -> TestConfigs.settings("ssa.job.stream.time-field = latency_ms"))
        .hasMessageContaining("ssa.job.stream.time-field");
    assertThatThrownBy(() -> TestConfigs.settings("ssa.job.stream.time-format = iso-8601"))
        .hasMessageContaining("ssa.job.stream.time-field")
        .hasMessageContaining("needs string");
    assertThatThrownBy(() -> TestConfigs.settings("ssa.job.stream.time-format = rfc-822"))
        .hasMessageContaining("ssa.job.stream.time-format");
    assertThatThrownBy(
            () ->
                TestConfigs.settings(
                    "ssa.job.stream.fields = [{name = id, type = string}, {name = id, type = int}]"))
        .hasMessageContaining("ssa.job.stream.fields");
    assertThatThrownBy(
            () -> TestConfigs.settings("ssa.job.stream.fields = [{name = id, type = decimal}]"))
        .hasMessageContaining("ssa.job.stream.fields[0].type");
  }
}
