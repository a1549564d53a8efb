package ssa.store;

import com.datastax.oss.driver.api.core.CqlSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Creates the keyspace and applies cql/schema.cql, the one definition of every table, which the
 * build copies into the jar. Every statement is IF NOT EXISTS, so applying it again is harmless.
 */
public final class SchemaApplier {
  private static final String SCHEMA_RESOURCE = "/cql/schema.cql";

  public static void apply(CqlSession session, String keyspace, String replication) {
    session.execute(
        "CREATE KEYSPACE IF NOT EXISTS " + keyspace + " WITH replication = " + replication);
    // Leaves the session in the keyspace: callers then name tables without one, as the file does.
    session.execute("USE " + keyspace);
    for (String statement : statements()) {
      session.execute(statement);
    }
  }

  /** The schema's statements, comments removed; a statement ends with ';' at the end of a line. */
  static List<String> statements() {
    List<String> statements = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : schemaText().split("\n")) {
      String code = line.strip();
      if (code.startsWith("--") || code.isEmpty()) {
        continue;
      }
      current.append(code).append('\n');
      if (code.endsWith(";")) {
        statements.add(current.substring(0, current.length() - 2));
        current.setLength(0);
      }
    }
    return statements;
  }

  private static String schemaText() {
    try (InputStream in = SchemaApplier.class.getResourceAsStream(SCHEMA_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(SCHEMA_RESOURCE + " is missing from the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private SchemaApplier() {}
}
