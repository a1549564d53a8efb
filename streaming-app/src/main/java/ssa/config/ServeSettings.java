package ssa.config;

import java.util.Optional;

/** Where the query API listens, and the token it wants (empty: none). */
public record ServeSettings(String host, int port, String token) {
  public Optional<String> requiredToken() {
    return token.isEmpty() ? Optional.empty() : Optional.of(token);
  }
}
