package ssa.config;

import java.util.Optional;

/**
 * Credentials and client-to-node encryption for every connection to Cassandra. Passwords are never
 * printed: {@link #toString} masks them.
 */
public record CassandraSecurity(Optional<Credentials> credentials, Optional<Tls> tls) {
  public static final CassandraSecurity NONE =
      new CassandraSecurity(Optional.empty(), Optional.empty());

  /** A PasswordAuthenticator login. */
  public record Credentials(String username, String password) {
    @Override
    public String toString() {
      return "Credentials[username=" + username + ", password=****]";
    }
  }

  /**
   * @param truststorePath empty: the JVM's default trust store
   * @param keystorePath empty: no client certificate
   */
  public record Tls(
      Optional<String> truststorePath,
      String truststorePassword,
      String truststoreType,
      Optional<String> keystorePath,
      String keystorePassword,
      String keystoreType,
      boolean hostnameVerification) {
    @Override
    public String toString() {
      return "Tls[truststore="
          + truststorePath.orElse("JVM default")
          + " ("
          + truststoreType
          + "), keystore="
          + keystorePath.orElse("none")
          + " ("
          + keystoreType
          + "), hostnameVerification="
          + hostnameVerification
          + ", passwords=****]";
    }
  }
}
