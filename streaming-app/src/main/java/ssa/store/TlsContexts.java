package ssa.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import ssa.config.CassandraSecurity;

/** The SSL context of our own driver sessions, from the same stores the connector is given. */
final class TlsContexts {
  static SSLContext of(CassandraSecurity.Tls tls) {
    try {
      TrustManagerFactory trust =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      // An empty path: the JVM's default trust store.
      trust.init(
          tls.truststorePath().isPresent()
              ? load(tls.truststorePath().get(), tls.truststorePassword(), tls.truststoreType())
              : null);
      KeyManagerFactory keys = null;
      if (tls.keystorePath().isPresent()) {
        keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(
            load(tls.keystorePath().get(), tls.keystorePassword(), tls.keystoreType()),
            tls.keystorePassword().toCharArray());
      }
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys == null ? null : keys.getKeyManagers(), trust.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot set up TLS to Cassandra: " + e.getMessage(), e);
    }
  }

  private static KeyStore load(String path, String password, String type)
      throws GeneralSecurityException, IOException {
    KeyStore store = KeyStore.getInstance(type);
    try (InputStream in = Files.newInputStream(Path.of(path))) {
      store.load(in, password.isEmpty() ? null : password.toCharArray());
    }
    return store;
  }

  private TlsContexts() {}
}
