package ssa.store;

import com.datastax.oss.driver.api.core.CqlIdentifier;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchStatementBuilder;
import com.datastax.oss.driver.api.core.cql.BatchType;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
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

  private final Optional<TokenMap> tokens;
  private final CqlIdentifier keyspace;

  /** The batch being filled for each replica set; a full one is handed out and removed. */
  private final Map<Set<Node>, BatchStatementBuilder> open = new HashMap<>();

  ReplicaBatches(CqlSession session, String keyspace) {
    this.tokens = session.getMetadata().getTokenMap();
    this.keyspace = CqlIdentifier.fromCql(keyspace);
  }

  /** Adds one row; returns its batch once that batch is full, to send. */
  Optional<BatchStatement> add(BoundStatement row) {
    Set<Node> replicas = replicas(row.getRoutingKey());
    BatchStatementBuilder batch =
        open.computeIfAbsent(replicas, r -> BatchStatement.builder(BatchType.UNLOGGED));
    batch.addStatement(row);
    if (batch.getStatementsCount() < MAX_PARTITIONS) {
      return Optional.empty();
    }
    open.remove(replicas);
    return Optional.of(batch.build());
  }

  /** The batches not full yet, to send last; none remain after this. */
  List<BatchStatement> rest() {
    List<BatchStatement> rest = open.values().stream().map(BatchStatementBuilder::build).toList();
    open.clear();
    return rest;
  }

  private Set<Node> replicas(ByteBuffer routingKey) {
    if (routingKey == null || tokens.isEmpty()) {
      return Set.of();
    }
    return tokens.get().getReplicas(keyspace, routingKey);
  }
}
