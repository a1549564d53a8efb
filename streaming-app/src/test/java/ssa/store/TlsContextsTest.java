package ssa.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import ssa.config.JobSettings;
import ssa.config.TestConfigs;

/** A configured trust store reaches both our driver sessions and the connector's settings. */
class TlsContextsTest {
  @TempDir Path dir;

  private Path truststore(String password) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    Path file = dir.resolve("trust.p12");
    try (OutputStream out = Files.newOutputStream(file)) {
      store.store(out, password.toCharArray());
    }
    return file;
  }

  private JobSettings withTls(Path truststore, String password) {
    return TestConfigs.settings(
        "ssa.job.cassandra { username = app, password = \"s3cret\", tls { enabled = true,"
            + " truststore-path = \""
            + truststore
            + "\", truststore-password = \""
            + password
            + "\", truststore-type = PKCS12 } }");
  }

  @Test
  void theTruststoreReachesTheDriverAndTheConnector() throws Exception {
    JobSettings settings = withTls(truststore("changeit"), "changeit");
    SSLContext context = TlsContexts.of(settings.cassandra().security().tls().orElseThrow());
    assertThat(context.getProtocol()).isEqualTo("TLS");
    // The session builder takes the same: building one must not fail before connecting.
    assertThat(Sessions.builder(settings.cassandra())).isNotNull();
    assertThat(settings.cassandra().connectorConf())
        .containsEntry("spark.cassandra.connection.ssl.enabled", "true")
        .containsEntry(
            "spark.cassandra.connection.ssl.trustStore.path", dir.resolve("trust.p12").toString())
        .containsEntry("spark.cassandra.connection.ssl.trustStore.type", "PKCS12")
        .containsEntry("spark.cassandra.auth.username", "app")
        .containsEntry("spark.cassandra.auth.password", "s3cret")
        .doesNotContainKey("spark.cassandra.connection.ssl.keyStore.path");
    assertThat(settings.cassandra().security().toString()).doesNotContain("s3cret", "changeit");
  }

  @Test
  void aWrongTruststorePasswordSaysSo() throws Exception {
    JobSettings settings = withTls(truststore("changeit"), "wrong");
    assertThatThrownBy(() -> TlsContexts.of(settings.cassandra().security().tls().orElseThrow()))
        .hasMessageStartingWith("cannot set up TLS to Cassandra");
  }

  @Test
  void badSecuritySettingsNameTheirKey() {
    assertThatThrownBy(() -> TestConfigs.settings("ssa.job.cassandra.username = app"))
        .hasMessageStartingWith("ssa.job.cassandra.password: must be set too");
    assertThatThrownBy(
            () ->
                TestConfigs.settings(
                    "ssa.job.cassandra.tls { enabled = true, truststore-path = /nowhere/trust.jks }"))
        .hasMessageStartingWith("ssa.job.cassandra.tls.truststore-path: no such file");
    assertThat(TestConfigs.settings("").cassandra().connectorConf())
        .doesNotContainKeys(
            "spark.cassandra.auth.username", "spark.cassandra.connection.ssl.enabled");
  }

  @Test
  void theConnectorsSessionsVerifyHostnamesToo() throws Exception {
    JobSettings settings = withTls(truststore("changeit"), "changeit");
    org.apache.spark.SparkConf spark = new org.apache.spark.SparkConf(false);
    settings.cassandra().connectorConf().forEach(spark::set);
    assertThat(com.datastax.spark.connector.cql.CassandraConnectionFactory.fromSparkConf(spark))
        .isInstanceOf(VerifyingConnectionFactory.class);
    com.datastax.spark.connector.cql.CassandraConnectorConf conf =
        com.datastax.spark.connector.cql.CassandraConnectorConf$.MODULE$.apply(spark);
    var profile = VerifyingConnectionFactory.config(conf).getInitialConfig().getDefaultProfile();
    assertThat(
            profile.getBoolean(
                com.datastax.oss.driver.api.core.config.DefaultDriverOption
                    .SSL_HOSTNAME_VALIDATION))
        .isTrue();
    assertThat(
            profile.getString(
                com.datastax.oss.driver.api.core.config.DefaultDriverOption.SSL_TRUSTSTORE_PATH))
        .isEqualTo(dir.resolve("trust.p12").toString());
    // Why the factory exists: the connector's own turns verification off.
    assertThat(
            com.datastax.spark.connector.cql.DefaultConnectionFactory$.MODULE$
                .connectorConfigBuilder(
                    conf,
                    com.datastax.oss.driver.api.core.config.DriverConfigLoader
                        .programmaticBuilder())
                .build()
                .getInitialConfig()
                .getDefaultProfile()
                .getBoolean(
                    com.datastax.oss.driver.api.core.config.DefaultDriverOption
                        .SSL_HOSTNAME_VALIDATION))
        .isFalse();
  }
}
