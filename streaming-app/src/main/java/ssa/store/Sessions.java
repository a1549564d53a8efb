package ssa.store;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import java.net.InetSocketAddress;
import java.time.Duration;
import ssa.config.CassandraSettings;

/** Opens driver sessions outside Spark: for the command-line tools, the schema and the tests. */
public final class Sessions {
  private static final Duration SCHEMA_TIMEOUT = Duration.ofSeconds(60);

  public static CqlSession open(CassandraSettings settings) {
    return CqlSession.builder()
        .addContactPoint(new InetSocketAddress(settings.host(), settings.port()))
        .withLocalDatacenter(settings.localDatacenter())
        .withConfigLoader(
            DriverConfigLoader.programmaticBuilder()
                .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, SCHEMA_TIMEOUT)
                .withDuration(DefaultDriverOption.METADATA_SCHEMA_REQUEST_TIMEOUT, SCHEMA_TIMEOUT)
                .withDuration(DefaultDriverOption.CONTROL_CONNECTION_AGREEMENT_TIMEOUT, SCHEMA_TIMEOUT)
                // SchemaApplier switches the session into the keyspace on purpose, once.
                .withBoolean(DefaultDriverOption.REQUEST_WARN_IF_SET_KEYSPACE, false)
                .build())
        .build();
  }

  private Sessions() {}
}
