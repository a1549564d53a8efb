package ssa.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import ssa.parse.WireFormat;

class JobSettingsTest {
  @Test
  void should_document_every_key_the_code_reads_in_reference_conf() {
    for (String key : Keys.ALL) {
      assertThat(ConfigFactory.defaultReference().hasPath(key)).as(key).isTrue();
    }
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
            java.util.Map.of("SSA_TRIGGER_INTERVAL", "2s", "SSA_CASSANDRA_HOST", "10.1.2.3"));
    assertThat(settings.triggerInterval()).isEqualTo(Duration.ofSeconds(2));
    assertThat(settings.shufflePartitions()).isEqualTo(3);
    assertThat(settings.cassandra().host()).isEqualTo("10.1.2.3");
  }

  @Test
  void should_name_the_key_of_a_bad_environment_value() {
    assertThatThrownBy(
            () -> JobSettings.load(java.util.Optional.empty(), java.util.Map.of("SSA_SOURCE_PORT", "0")))
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
    assertThat(settings.stream().attributeFields()).extracting(f -> f.name()).containsExactly("phone");
    assertThat(settings.stream().hasErrorCondition()).isFalse();
  }

  @Test
  void should_name_the_key_of_an_out_of_range_value() {
    assertThatThrownBy(() -> TestConfigs.settings("ssa.job.source.port = 70000"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("ssa.job.source.port");
    assertThatThrownBy(() -> TestConfigs.settings("ssa.job.cassandra.write.concurrent-writes = 0"))
        .hasMessageContaining("ssa.job.cassandra.write.concurrent-writes");
    assertThatThrownBy(() -> TestConfigs.settings("ssa.job.trigger-interval = 0s"))
        .hasMessageContaining("ssa.job.trigger-interval");
  }

  @Test
  void should_name_the_key_of_a_value_of_the_wrong_type() {
    assertThatThrownBy(() -> TestConfigs.settings("ssa.job.shuffle-partitions = many"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("shuffle-partitions");
  }

  @Test
  void should_reject_unknown_choices() {
    assertThatThrownBy(() -> TestConfigs.settings("ssa.job.stream.format = xml"))
        .hasMessageContaining("ssa.job.stream.format");
    assertThatThrownBy(() -> TestConfigs.settings("ssa.job.cassandra.write.consistency-level = MOST"))
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
            () -> TestConfigs.settings(
                "ssa.job.stream.fields = [{name = id, type = string}, {name = id, type = int}]"))
        .hasMessageContaining("ssa.job.stream.fields");
    assertThatThrownBy(
            () -> TestConfigs.settings("ssa.job.stream.fields = [{name = id, type = decimal}]"))
        .hasMessageContaining("ssa.job.stream.fields[0].type");
  }
}
