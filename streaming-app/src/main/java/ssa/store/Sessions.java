package ssa.store;

import com.datastax.oss.driver.api.core.AllNodesFailedException;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import com.datastax.oss.driver.api.core.auth.AuthenticationException;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.ssl.ProgrammaticSslEngineFactory;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import ssa.config.CassandraSecurity;
import ssa.config.CassandraSettings;

/** Opens driver sessions outside Spark: for the command-line tools, the schema and the tests. */
public final class Sessions {
  private static final Duration SCHEMA_TIMEOUT = Duration.ofSeconds(60);

  /**
   * The execution profile of multi-partition rollup batches: the node warns of every batch over 5
   * KiB, which a batch of ten rollup rows can be, and the driver would log each warning.
   */
  static final String QUIET_BATCHES = "quiet-batches";

  public static CqlSession open(CassandraSettings settings) {
    return builder(settings).build();
  }

  /** A builder with the contact point, the credentials and TLS of these settings. */
  static CqlSessionBuilder builder(CassandraSettings settings) {
    return secured(settings.security())
        .addContactPoint(new InetSocketAddress(settings.host(), settings.port()))
        .withLocalDatacenter(settings.localDatacenter())
        .withConfigLoader(
            DriverConfigLoader.programmaticBuilder()
                .withString(
                    DefaultDriverOption.REQUEST_CONSISTENCY, settings.readConsistencyLevel())
                // Every statement ssa sends is an upsert of whole values or a read: safe to retry
                // on another replica when the one that had it goes down.
                .withBoolean(DefaultDriverOption.REQUEST_DEFAULT_IDEMPOTENCE, true)
                .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, SCHEMA_TIMEOUT)
                .withDuration(DefaultDriverOption.METADATA_SCHEMA_REQUEST_TIMEOUT, SCHEMA_TIMEOUT)
                .withDuration(
                    DefaultDriverOption.CONTROL_CONNECTION_AGREEMENT_TIMEOUT, SCHEMA_TIMEOUT)
                // SchemaApplier switches the session into the keyspace on purpose, once.
                .withBoolean(DefaultDriverOption.REQUEST_WARN_IF_SET_KEYSPACE, false)
                .startProfile(QUIET_BATCHES)
                .withBoolean(DefaultDriverOption.REQUEST_LOG_WARNINGS, false)
                .endProfile()
                .build());
  }

  /**
   * A builder that logs in and encrypts as these settings say, for sessions that choose their own
   * contact point and timeouts (the bench's).
   */
  public static CqlSessionBuilder secured(CassandraSecurity security) {
    CqlSessionBuilder builder = CqlSession.builder();
    security.credentials().ifPresent(c -> builder.withAuthCredentials(c.username(), c.password()));
    security
        .tls()
        .ifPresent(
            tls ->
                builder.withSslEngineFactory(
                    new ProgrammaticSslEngineFactory(
                        TlsContexts.of(tls), null, tls.hostnameVerification())));
    return builder;
  }

  /** What a user needs to hear when no node took the connection: login or address. */
  public static String whyNotConnected(AllNodesFailedException e, CassandraSettings settings) {
    String where = settings.host() + ":" + settings.port();
    for (List<Throwable> errors : e.getAllErrors().values()) {
      for (Throwable error : errors) {
        if (error instanceof AuthenticationException) {
          return "cannot log in to Cassandra at "
              + where
              + ": "
              + error.getMessage()
              + (settings.security().credentials().isPresent()
                  ? ""
                  : "; set ssa.job.cassandra.username and password (or SSA_CASSANDRA_USERNAME"
                      + " and SSA_CASSANDRA_PASSWORD)");
        }
      }
    }
    return "cannot reach Cassandra at " + where + ": " + e.getMessage();
  }

  private Sessions() {}
}
