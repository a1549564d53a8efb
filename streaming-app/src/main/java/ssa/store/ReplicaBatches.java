package ssa.store;

import com.datastax.oss.driver.api.core.CqlIdentifier;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchStatementBuilder;
import com.datastax.oss.driver.api.core.cql.BatchType;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.Statement;
import com.datastax.oss.driver.api.core.metadata.Node;
import com.datastax.oss.driver.api.core.metadata.TokenMap;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Groups single-partition statements of different partitions into small unlogged batches whose
 * partitions all live on the same replicas, the way the Spark Cassandra Connector's {@code
 * replica_set} grouping does. The coordinator is then a replica of every row and applies them
 * locally, so one request carries several rows without any cross-node hop; each partition is still
 * its own mutation. A tenth of the requests for the same rows; on one node the rollup step took
 * about as long as with one request per row (bench runs 4 and 6): there the node's cost is per
 * mutation, not per request.
 */
final class ReplicaBatches {
  /**
   * Partitions per batch: Cassandra warns above 10
   * (unlogged_batch_across_partitions_warn_threshold), and a rollup row is a few hundred bytes, far
   * under the 50 KiB batch size that fails.
   */
  static final int MAX_PARTITIONS = 10;

  /**
   * Bytes of bound values per batch: Cassandra fails a batch above 50 KiB
   * (batch_size_fail_threshold), and a row with sketches takes up to a few KiB. A row this large on
   * its own goes out alone, not as a batch.
   */
  static final int MAX_BYTES = 32 * 1024;

  private final Optional<TokenMap> tokens;
  private final CqlIdentifier keyspace;

  /** The batch being filled for each replica set; a full one is handed out and removed. */
  private final Map<Set<Node>, BatchStatementBuilder> open = new HashMap<>();

  private final Map<Set<Node>, Integer> openBytes = new HashMap<>();

  ReplicaBatches(CqlSession session, String keyspace) {
    this.tokens = session.getMetadata().getTokenMap();
    this.keyspace = CqlIdentifier.fromCql(keyspace);
  }

  /** Adds one row; returns its batch once that batch is full (or the row alone), to send. */
  Optional<Statement<?>> add(BoundStatement row) {
    int bytes = bytes(row);
    if (bytes >= MAX_BYTES) {
      return Optional.of(row);
    }
    Set<Node> replicas = replicas(row.getRoutingKey());
    Optional<Statement<?>> full = Optional.empty();
    if (openBytes.getOrDefault(replicas, 0) + bytes > MAX_BYTES) {
      full = Optional.of(close(replicas));
    }
    BatchStatementBuilder batch =
        open.computeIfAbsent(replicas, r -> BatchStatement.builder(BatchType.UNLOGGED));
    batch.addStatement(row);
    openBytes.merge(replicas, bytes, Integer::sum);
    if (full.isEmpty() && batch.getStatementsCount() >= MAX_PARTITIONS) {
      full = Optional.of(close(replicas));
    }
    return full;
  }

  /** The batches not full yet, to send last; none remain after this. */
  List<Statement<?>> rest() {
    List<Statement<?>> rest = open.values().stream().<Statement<?>>map(b -> b.build()).toList();
    open.clear();
    openBytes.clear();
    return rest;
  }

  private BatchStatement close(Set<Node> replicas) {
    openBytes.remove(replicas);
    return open.remove(replicas).build();
  }

  private static int bytes(BoundStatement row) {
    int bytes = 0;
    for (ByteBuffer value : row.getValues()) {
      bytes += value == null ? 0 : value.remaining();
    }
    return bytes;
  }

  private Set<Node> replicas(ByteBuffer routingKey) {
    if (routingKey == null || tokens.isEmpty()) {
      return Set.of();
    }
    return tokens.get().getReplicas(keyspace, routingKey);
  }
}
