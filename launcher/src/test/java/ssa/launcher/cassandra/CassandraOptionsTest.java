package ssa.launcher.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CassandraOptionsTest {
  private static final Path REPO = Path.of("/repo");

  @Test
  void should_default_to_the_checkout_state_dir_and_a_heap_by_cluster_size() {
    CassandraOptions options = CassandraOptions.fromEnvironment(Map.of(), REPO);

    assertThat(options.ssaHome()).isEqualTo(Path.of("/repo/.ssa"));
    assertThat(options.cqlPort()).isEqualTo(9042);
    assertThat(options.jmxPort()).isEmpty();
    assertThat(options.heapFor(1)).isEqualTo("1G");
    assertThat(options.heapFor(3)).isEqualTo("512M");
    assertThat(options.passwordAuth()).isFalse();
  }

  @Test
  void should_refuse_a_bad_value_naming_its_variable() {
    assertThatThrownBy(
            () -> CassandraOptions.fromEnvironment(Map.of("SSA_CASSANDRA_PORT", "90421"), REPO))
        .hasMessage("SSA_CASSANDRA_PORT must be a TCP port, 1 to 65535, was '90421'");
    assertThatThrownBy(
            () -> CassandraOptions.fromEnvironment(Map.of("SSA_CASSANDRA_HEAP", "1GB"), REPO))
        .hasMessageContaining("SSA_CASSANDRA_HEAP");
    assertThatThrownBy(
            () -> CassandraOptions.fromEnvironment(Map.of("SSA_CASSANDRA_AUTH", "kerberos"), REPO))
        .hasMessage("SSA_CASSANDRA_AUTH must be none or password, was 'kerberos'");
  }
}
