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
import java.util.ArrayList;
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
  private final Map<Set<Node>, List<BatchStatementBuilder>> byReplicas = new HashMap<>();
  private final List<BatchStatement> full = new ArrayList<>();

  ReplicaBatches(CqlSession session, String keyspace) {
    this.tokens = session.getMetadata().getTokenMap();
    this.keyspace = CqlIdentifier.fromCql(keyspace);
  }

  /** Adds one row; returns the batches that are now full, to send. */
  List<BatchStatement> add(BoundStatement row) {
    List<BatchStatementBuilder> open =
        byReplicas.computeIfAbsent(replicas(row.getRoutingKey()), r -> new ArrayList<>(1));
    if (open.isEmpty()) {
      open.add(BatchStatement.builder(BatchType.UNLOGGED));
    }
    BatchStatementBuilder batch = open.get(0);
    batch.addStatement(row);
    full.clear();
    if (batch.getStatementsCount() >= MAX_PARTITIONS) {
      full.add(batch.build());
      open.clear();
    }
    return full;
  }

  /** The batches not full yet, to send last; none remain after this. */
  List<BatchStatement> rest() {
    List<BatchStatement> rest = new ArrayList<>();
    byReplicas.values().forEach(open -> open.forEach(b -> rest.add(b.build())));
    byReplicas.clear();
    return rest;
  }

  private Set<Node> replicas(ByteBuffer routingKey) {
    if (routingKey == null || tokens.isEmpty()) {
      return Set.of();
    }
    return tokens.get().getReplicas(keyspace, routingKey);
  }
}
