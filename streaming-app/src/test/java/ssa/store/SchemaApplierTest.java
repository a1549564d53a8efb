package ssa.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SchemaApplierTest {
  @Test
  void should_read_each_tables_partition_key_from_schema_cql() {
    var keys = SchemaApplier.declaredPartitionKeys();

    assertThat(keys.get("events_raw")).containsExactly("key", "day", "hour");
    assertThat(keys.get("dead_letter")).containsExactly("day", "hour");
    assertThat(keys.get("rollups")).containsExactly("rollup", "grain", "key", "period");
    assertThat(keys.get("stream_progress")).isEqualTo(List.of("job"));
    assertThat(keys.get("rollup_rewrites")).isEqualTo(List.of("shard"));
    assertThat(keys.get("rollup_pending")).isEqualTo(List.of("job"));
  }
}
