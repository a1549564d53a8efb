package ssa.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigResolveOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import ssa.parse.WireFormat;
import ssa.rollup.Grain;
import ssa.rollup.RollupDefinition;
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
  void should_read_alert_rules_and_name_the_path_of_a_bad_one() {
    JobSettings settings =
        TestConfigs.settings(
            "ssa.job.alert.rules = [ { name = slow, rollup = per_api, grain = hour,"
                + " when = \"p99(latency_ms) >= 250.5\", min-count = 10 },"
                + " { name = quiet, rollup = per_api_status, grain = minute, when = \"count<1\" } ]");
    assertThat(settings.alerts().rules()).hasSize(2);
    assertThat(settings.alerts().rules().get(0).condition()).isEqualTo("p99(latency_ms) >= 250.5");
    assertThat(settings.alerts().rules().get(0).onClose()).isFalse();
    assertThat(settings.alerts().rules().get(1).onClose()).isTrue();
    String rule = "ssa.job.alert.rules = [ { name = r, rollup = per_api, grain = minute, ";
    assertThatThrownBy(() -> TestConfigs.settings(rule + "when = \"p90(latency_ms) > 1\" } ]"))
        .hasMessageStartingWith(
            "ssa.job.alert.rules[0].when: rollup 'per_api' keeps no percentile");
    assertThatThrownBy(() -> TestConfigs.settings(rule + "when = \"avg(size) > 1\" } ]"))
        .hasMessageStartingWith("ssa.job.alert.rules[0].when: rollup 'per_api' has no 'size'");
    assertThatThrownBy(() -> TestConfigs.settings(rule + "when = \"error_rate above 1\" } ]"))
        .hasMessageStartingWith("ssa.job.alert.rules[0].when: must be '<figure> <op> <number>'");
    assertThatThrownBy(() -> TestConfigs.settings(rule + "when = \"count > 1\", on = later } ]"))
        .hasMessageStartingWith("ssa.job.alert.rules[0].on: must be update or close");
    assertThatThrownBy(
            () ->
                TestConfigs.settings(
                    "ssa.job.alert.rules = [ { name = r, rollup = per_x, grain = minute,"
                        + " when = \"count > 1\" } ]"))
        .hasMessageStartingWith("ssa.job.alert.rules[0].rollup: no rollup definition is named");
    assertThatThrownBy(
            () ->
                TestConfigs.settings(
                    "ssa.job.alert.rules = [ { name = r, rollup = per_api, grain = minute,"
                        + " when = \"count > 1\", min-cuont = 3 } ]"))
        .hasMessageContaining("min-cuont")
        .hasMessageContaining("did you mean min-count?");
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
                + "error-when = \"\" }\n"
                + "ssa.job.rollup.definitions = [{name = per_customer, group-by = [customer]}]");
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

  @Test
  void should_read_the_default_rollup_definitions() {
    JobSettings settings = TestConfigs.settings("");
    assertThat(settings.stream().fields().get(settings.stream().fields().size() - 1))
        .satisfies(f -> assertThat(f.name()).isEqualTo("client"))
        .satisfies(f -> assertThat(f.required()).isFalse());
    assertThat(settings.rollups())
        .extracting(RollupDefinition::name)
        .containsExactly("per_api", "per_api_status");
    RollupDefinition perApi = settings.rollups().get(0);
    assertThat(perApi.groupBy()).containsExactly("api");
    assertThat(perApi.grains()).containsExactly(Grain.values());
    assertThat(perApi.measures()).containsExactly("latency_ms");
    assertThat(perApi.distinct()).containsExactly("client");
    assertThat(perApi.percentiles()).isEqualTo(Map.of("latency_ms", List.of(50.0, 95.0, 99.0)));
    assertThat(perApi.timeToLiveSeconds(Grain.MINUTE)).isEqualTo(7 * 86_400);
    assertThat(perApi.timeToLiveSeconds(Grain.HOUR)).isEqualTo(90 * 86_400);
    assertThat(perApi.timeToLiveSeconds(Grain.DAY)).isZero();
    RollupDefinition perStatus = settings.rollups().get(1);
    assertThat(perStatus.groupBy()).containsExactly("api", "status");
    assertThat(perStatus.grains()).containsExactly(Grain.values());
    assertThat(perStatus.measures()).isEmpty();
    assertThat(perStatus.distinct()).isEmpty();
    assertThat(perStatus.percentiles()).isEmpty();
    assertThat(perStatus.timeToLiveSeconds(Grain.MINUTE)).isEqualTo(7 * 86_400);
    assertThat(perStatus.timeToLiveSeconds(Grain.HOUR)).isEqualTo(90 * 86_400);
    assertThat(perStatus.timeToLiveSeconds(Grain.YEAR)).isZero();
  }

  /** Settings with only the given rollup definitions (HOCON of the list's elements). */
  private static JobSettings rollups(String definitions) {
    return TestConfigs.settings("ssa.job.rollup.definitions = [" + definitions + "]");
  }

  private static void refused(String definitions, String path, String reason) {
    assertThatThrownBy(() -> rollups(definitions))
        .isInstanceOf(SettingException.class)
        .hasMessage(path + ": " + reason)
        .satisfies(e -> assertThat(((SettingException) e).key()).isEqualTo(path));
  }

  @Test
  void should_keep_the_grains_finest_first_and_take_defaults_for_what_is_left_out() {
    RollupDefinition all =
        rollups(
                "{ name = all, grains = [year, minute, day],"
                    + " percentiles { latency_ms = [99.9, 50] }, retention { day = 1 minute } }")
            .rollups()
            .get(0);
    assertThat(all.grains()).containsExactly(Grain.MINUTE, Grain.DAY, Grain.YEAR);
    assertThat(all.finerKept(Grain.YEAR)).isEqualTo(Grain.DAY);
    assertThat(all.groupBy()).isEmpty(); // the whole stream
    assertThat(all.measures()).isEmpty();
    assertThat(all.distinct()).isEmpty();
    assertThat(all.percentiles()).isEqualTo(Map.of("latency_ms", List.of(50.0, 99.9)));
    assertThat(all.timeToLiveSeconds(Grain.DAY)).isEqualTo(60);
    assertThat(all.timeToLiveSeconds(Grain.MINUTE)).isZero();
    // The longest time to live Cassandra takes, and a group-by of any type.
    RollupDefinition longest =
        rollups("{ name = longest, group-by = [status], retention { year = 7300 days } }")
            .rollups()
            .get(0);
    assertThat(longest.timeToLiveSeconds(Grain.YEAR)).isEqualTo(630_720_000);
    assertThat(longest.groupBy()).containsExactly("status");
  }

  @Test
  void should_require_a_rollup_definition() {
    assertThatThrownBy(() -> rollups(""))
        .isInstanceOf(SettingException.class)
        .hasMessage("ssa.job.rollup.definitions: must list at least one rollup definition");
    assertThatThrownBy(() -> TestConfigs.settings("ssa.job.rollup.definitions = per_api"))
        .hasMessageStartingWith("ssa.job.rollup.definitions: must be a list of objects");
  }

  @Test
  void should_refuse_a_bad_or_repeated_rollup_name() {
    String at = "ssa.job.rollup.definitions[1].name";
    refused(
        "{ name = a }, { group-by = [api] }",
        at,
        "is missing: each rollup definition needs a name");
    refused(
        "{ name = a }, { name = Per-Api }",
        at,
        "must be a lowercase letter, then lowercase letters, digits or _ (48 at most), was"
            + " 'Per-Api'");
    refused(
        "{ name = a }, { name = \"" + "x".repeat(49) + "\" }",
        at,
        "must be a lowercase letter, then lowercase letters, digits or _ (48 at most), was '"
            + "x".repeat(49)
            + "'");
    assertThat(rollups("{ name = \"" + "x".repeat(48) + "\" }").rollups()).hasSize(1);
    refused(
        "{ name = per_api }, { name = per_api, group-by = [status] }",
        at,
        "'per_api' is the name of ssa.job.rollup.definitions[0] already: names must be unique");
  }

  @Test
  void should_refuse_an_unknown_key_of_a_rollup_definition_naming_the_nearest() {
    refused(
        "{ name = a, groupby = [api] }",
        "ssa.job.rollup.definitions[0].groupby",
        "is not a key of a rollup definition, which takes [name, group-by, grains, measures,"
            + " distinct, percentiles, retention]; did you mean group-by?");
  }

  @Test
  void should_refuse_group_by_and_distinct_fields_the_stream_lacks_or_repeats() {
    refused(
        "{ name = a }, { name = b, group-by = [api, clent] }",
        "ssa.job.rollup.definitions[1].group-by",
        "unknown field 'clent'; did you mean client?");
    refused(
        "{ name = a, group-by = [region] }",
        "ssa.job.rollup.definitions[0].group-by",
        "unknown field 'region', not one of ssa.job.stream.fields"
            + " [id, api, status, latency_ms, _timestamp, client]");
    refused(
        "{ name = a, group-by = [api, status, api] }",
        "ssa.job.rollup.definitions[0].group-by",
        "field 'api' appears twice");
    refused(
        "{ name = a, distinct = [clients] }",
        "ssa.job.rollup.definitions[0].distinct",
        "unknown field 'clients'; did you mean client?");
    refused(
        "{ name = a, distinct = [client, client] }",
        "ssa.job.rollup.definitions[0].distinct",
        "field 'client' appears twice");
    assertThatThrownBy(() -> rollups("{ name = a, group-by = api }"))
        .isInstanceOf(SettingException.class)
        .hasMessageStartingWith("ssa.job.rollup.definitions[0].group-by: must be a list of names");
  }

  @Test
  void should_refuse_grains_that_are_unknown_repeated_or_none() {
    String at = "ssa.job.rollup.definitions[0].grains";
    refused(
        "{ name = a, grains = [minutes] }", at, "unknown grain 'minutes'; did you mean minute?");
    refused(
        "{ name = a, grains = [week] }",
        at,
        "unknown grain 'week', not one of [minute, hour, day, month, year]");
    refused("{ name = a, grains = [hour, day, hour] }", at, "grain 'hour' appears twice");
    refused(
        "{ name = a, grains = [] }",
        at,
        "must list at least one grain of [minute, hour, day, month, year]");
  }

  @Test
  void should_refuse_measures_that_are_not_measures_of_the_stream() {
    String at = "ssa.job.rollup.definitions[0].measures";
    refused(
        "{ name = a, measures = [status] }",
        at,
        "field 'status' is not one of ssa.job.stream.measures [latency_ms], the numeric fields"
            + " kept as measures");
    refused(
        "{ name = a, measures = [latency_m] }",
        at,
        "unknown measure 'latency_m'; did you mean latency_ms?");
    refused(
        "{ name = a, measures = [cost] }",
        at,
        "unknown measure 'cost', not one of ssa.job.stream.measures [latency_ms]");
    refused(
        "{ name = a, measures = [latency_ms, latency_ms] }",
        at,
        "measure 'latency_ms' appears twice");
  }

  @Test
  void should_refuse_percentiles_naming_the_measure_at_fault() {
    String at = "ssa.job.rollup.definitions[1].percentiles.latency_ms";
    refused(
        "{ name = a }, { name = b, percentiles { latency_ms = [50, 150] } }",
        at,
        "percentile 150 out of range: each must be above 0 and at most 100");
    refused(
        "{ name = a }, { name = b, percentiles { latency_ms = [0] } }",
        at,
        "percentile 0 out of range: each must be above 0 and at most 100");
    refused(
        "{ name = a }, { name = b, percentiles { latency_ms = [-1.5] } }",
        at,
        "percentile -1.5 out of range: each must be above 0 and at most 100");
    assertThat(rollups("{ name = a, percentiles { latency_ms = [100] } }").rollups()).hasSize(1);
    refused(
        "{ name = a }, { name = b, percentiles { latency_ms = [99.9, 50, 99.9] } }",
        at,
        "percentile 99.9 appears twice");
    refused(
        "{ name = a }, { name = b, percentiles { latency_ms = [] } }",
        at,
        "must list at least one percentile, e.g. [50, 95, 99]; leave the measure out");
    refused(
        "{ name = a }, { name = b, percentiles { latency_ms = [p99] } }",
        at,
        "each percentile must be a number such as 99.9, was \"p99\"");
    refused(
        "{ name = a }, { name = b, percentiles { latency_ms = 99 } }",
        at,
        "must be a list of percentiles such as [50, 95, 99], was 99");
    refused(
        "{ name = a, percentiles { status = [50] } }",
        "ssa.job.rollup.definitions[0].percentiles.status",
        "field 'status' is not one of ssa.job.stream.measures [latency_ms], the numeric fields"
            + " kept as measures");
    refused(
        "{ name = a, percentiles { latncy_ms = [50] } }",
        "ssa.job.rollup.definitions[0].percentiles.latncy_ms",
        "unknown measure 'latncy_ms'; did you mean latency_ms?");
    assertThatThrownBy(() -> rollups("{ name = a, percentiles = [50] }"))
        .hasMessageStartingWith("ssa.job.rollup.definitions[0].percentiles: must be an object");
  }

  @Test
  void should_refuse_retention_of_a_grain_not_kept_or_out_of_cassandras_range() {
    String at = "ssa.job.rollup.definitions[0].retention.";
    refused(
        "{ name = a, grains = [minute, hour], retention { day = 7 days } }",
        at + "day",
        "grain 'day' is not one of this definition's grains [minute, hour]");
    refused(
        "{ name = a, retention { minutes = 7 days } }",
        at + "minutes",
        "unknown grain 'minutes'; did you mean minute?");
    refused(
        "{ name = a, retention { minute = 500 ms } }",
        at + "minute",
        "must be at least 1 second, was 500 ms");
    refused(
        "{ name = a, retention { year = 7301 days } }",
        at + "year",
        "must be at most 20 years (630720000 seconds, Cassandra's longest time to live), was"
            + " 7301 days");
    refused(
        "{ name = a, retention { hour = 1500 ms } }",
        at + "hour",
        "must be a whole number of seconds, was 1500 ms");
    assertThatThrownBy(() -> rollups("{ name = a, retention { hour = forever } }"))
        .isInstanceOf(SettingException.class)
        .hasMessageStartingWith(at + "hour: must be a duration such as 7 days or 12 hours");
    assertThatThrownBy(() -> rollups("{ name = a, retention = 7 days }"))
        .hasMessageStartingWith(
            "ssa.job.rollup.definitions[0].retention: must be an object of grain = duration");
  }

  @Test
  void should_load_the_readmes_own_stream_example() throws Exception {
    String readme = java.nio.file.Files.readString(java.nio.file.Path.of("../README.md"));
    int section = readme.indexOf("### Rolling up your own stream");
    int start = readme.indexOf("```hocon\n", section) + "```hocon\n".length();
    String example = readme.substring(start, readme.indexOf("```", start));
    JobSettings settings = TestConfigs.settings(example);
    assertThat(settings.stream().keyField()).isEqualTo("customer");
    assertThat(settings.rollups())
        .singleElement()
        .satisfies(r -> assertThat(r.groupBy()).containsExactly("customer", "phone_type"))
        .satisfies(r -> assertThat(r.measures()).containsExactly("cost"));
  }
}
