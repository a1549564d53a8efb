package ssa.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateTest {
  @Test
  void should_fill_every_placeholder_of_the_cassandra_yaml_and_quote_paths() {
    Map<String, String> values =
        Map.ofEntries(
            Map.entry("cluster_name", Template.yamlString("it's")),
            Map.entry("seeds", "127.0.0.1:7000"),
            Map.entry("address", "127.0.0.2"),
            Map.entry("storage_port", "7000"),
            Map.entry("cql_port", "9042"),
            Map.entry("data_dir", Template.yamlString("/tmp/a b/data")),
            Map.entry("commitlog_dir", "c"),
            Map.entry("saved_caches_dir", "s"),
            Map.entry("hints_dir", "h"),
            Map.entry("cdc_raw_dir", "r"),
            Map.entry("hinted_handoff", "true"),
            Map.entry("memtable_heap_space", "128MiB"),
            Map.entry("memtable_offheap_space", "256MiB"),
            Map.entry("authenticator", "AllowAllAuthenticator"));

    String yaml = Template.resource("cassandra/cassandra.yaml").render(values);

    assertThat(yaml)
        .contains("cluster_name: 'it''s'")
        .contains("listen_address: 127.0.0.2")
        .contains("  - '/tmp/a b/data'")
        .contains("memtable_heap_space: 128MiB")
        .doesNotContain("${");
  }

  @Test
  void should_name_a_placeholder_without_a_value() {
    assertThatThrownBy(() -> Template.resource("cassandra/cassandra.yaml").render(Map.of()))
        .hasMessageContaining("cassandra/cassandra.yaml: no value for ${cluster_name}");
  }
}
