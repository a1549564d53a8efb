package ssa.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;

/** Builds configurations from HOCON snippets over reference.conf. */
public final class TestConfigs {
  public static Config with(String hocon) {
    return ConfigFactory.parseString(hocon)
        .withFallback(ConfigFactory.defaultReference())
        .resolve();
  }

  public static JobSettings settings(String hocon) {
    return JobSettings.from(with(hocon));
  }

  /** The node `run.sh test` started, as settings inside ssa.job: its address and its login. */
  public static String cassandraFromEnvironment() {
    String host = System.getenv("SSA_CASSANDRA_HOST");
    String port = System.getenv("SSA_CASSANDRA_PORT");
    String username = System.getenv("SSA_CASSANDRA_USERNAME");
    String password = System.getenv("SSA_CASSANDRA_PASSWORD");
    return (host == null ? "" : "cassandra.host = \"" + host + "\"\n")
        + (port == null ? "" : "cassandra.port = " + port + "\n")
        + (username == null ? "" : "cassandra.username = \"" + username + "\"\n")
        + (password == null ? "" : "cassandra.password = \"" + password + "\"\n");
  }

  private TestConfigs() {}
}
