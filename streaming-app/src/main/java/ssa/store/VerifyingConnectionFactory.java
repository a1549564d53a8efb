package ssa.store;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.spark.connector.cql.CassandraConnectionFactory;
import com.datastax.spark.connector.cql.CassandraConnectorConf;
import com.datastax.spark.connector.cql.DefaultConnectionFactory$;
import com.datastax.spark.connector.cql.IpBasedContactInfo;
import com.datastax.spark.connector.cql.Scanner;
import com.datastax.spark.connector.rdd.ReadConf;
import scala.collection.immutable.IndexedSeq;

/**
 * The connector's own sessions (they carry the raw-event writes), with TLS hostname verification
 * on: the connector 3.5.1 builds them with it off, whatever its settings say. Everything else is
 * the connector's default factory.
 */
public final class VerifyingConnectionFactory implements CassandraConnectionFactory {
  private static final long serialVersionUID = 1L;

  /** The connector's driver settings for {@code conf}, hostname verification on. */
  static DriverConfigLoader config(CassandraConnectorConf conf) {
    return DefaultConnectionFactory$.MODULE$
        .connectorConfigBuilder(conf, DriverConfigLoader.programmaticBuilder())
        .withBoolean(DefaultDriverOption.SSL_HOSTNAME_VALIDATION, true)
        .build();
  }

  @Override
  public CqlSession createSession(CassandraConnectorConf conf) {
    if (!(conf.contactInfo() instanceof IpBasedContactInfo contact)) {
      // A cloud bundle carries its own TLS settings.
      return DefaultConnectionFactory$.MODULE$.createSession(conf);
    }
    CqlSessionBuilder builder = CqlSession.builder();
    if (contact.authConf().authProvider().isDefined()) {
      builder.withAuthProvider(contact.authConf().authProvider().get());
    }
    return builder.withConfigLoader(config(conf)).build();
  }

  @Override
  public Scanner getScanner(
      ReadConf readConf, CassandraConnectorConf connConf, IndexedSeq<String> columnNames) {
    return DefaultConnectionFactory$.MODULE$.getScanner(readConf, connConf, columnNames);
  }
}
