package ssa.store;

import com.datastax.oss.driver.api.core.CqlIdentifier;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.metadata.schema.TableMetadata;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Creates the keyspace and applies cql/schema.cql, the one definition of every table, which the
 * build copies into the jar. Every statement is IF NOT EXISTS, so applying it again is harmless.
 */
public final class SchemaApplier {
  private static final String SCHEMA_RESOURCE = "/cql/schema.cql";
  private static final Pattern CREATE_TABLE =
      Pattern.compile("CREATE TABLE IF NOT EXISTS (\\w+) \\(");
  private static final Pattern COMPOSITE_KEY = Pattern.compile("PRIMARY KEY \\(\\(([^)]*)\\)");
  private static final Pattern SIMPLE_KEY = Pattern.compile("PRIMARY KEY \\((\\w+)");
  private static final Pattern TIME_TO_LIVE = Pattern.compile("default_time_to_live = (\\d+)");
  private static final CqlIdentifier TIME_TO_LIVE_OPTION =
      CqlIdentifier.fromCql("default_time_to_live");
  private static final Pattern INLINE_KEY = Pattern.compile("(\\w+)\\s+\\w+\\s+PRIMARY KEY");

  public static void apply(CqlSession session, String keyspace, String replication) {
    session.execute(
        "CREATE KEYSPACE IF NOT EXISTS " + keyspace + " WITH replication = " + replication);
    // Leaves the session in the keyspace: callers then name tables without one, as the file does.
    session.execute("USE " + keyspace);
    for (String statement : statements()) {
      session.execute(statement);
    }
    Map<String, List<String>> outdated = outdatedTables(session, keyspace);
    if (!outdated.isEmpty()) {
      List<String> named = new ArrayList<>();
      outdated.forEach((table, key) -> named.add(table + " (" + String.join(", ", key) + ")"));
      throw new OutdatedSchemaException(
          "table(s) "
              + String.join(", ", named)
              + " of keyspace "
              + keyspace
              + " have the partitions of an older schema (now events_raw and dead_letter by hour"
              + " too, rollups by rollup definition too): run ./run.sh migrate once to rewrite"
              + " them"
              + " (README, \"Migrating a keyspace\")");
    }
  }

  /**
   * The tables whose partition key in Cassandra is not the one schema.cql declares, each with the
   * key it has: tables created by an older schema, which CREATE TABLE IF NOT EXISTS leaves as they
   * were.
   */
  public static Map<String, List<String>> outdatedTables(CqlSession session, String keyspace) {
    Map<String, List<String>> outdated = new LinkedHashMap<>();
    Map<CqlIdentifier, TableMetadata> tables = tables(session, keyspace);
    declaredPartitionKeys()
        .forEach(
            (table, declared) -> {
              TableMetadata stored = tables.get(CqlIdentifier.fromCql(table));
              if (stored == null) {
                return;
              }
              List<String> storedKey =
                  stored.getPartitionKey().stream().map(c -> c.getName().asInternal()).toList();
              if (!storedKey.equals(declared)) {
                outdated.put(table, storedKey);
              }
            });
    return outdated;
  }

  /**
   * The tables whose rows, in Cassandra, do not expire after the default_time_to_live schema.cql
   * declares for them, with the declared one: a CREATE TABLE IF NOT EXISTS of an older schema left
   * it unset.
   */
  public static Map<String, Integer> outdatedTimeToLive(CqlSession session, String keyspace) {
    Map<String, Integer> outdated = new LinkedHashMap<>();
    Map<CqlIdentifier, TableMetadata> tables = tables(session, keyspace);
    for (String statement : statements()) {
      Matcher table = CREATE_TABLE.matcher(statement);
      Matcher ttl = TIME_TO_LIVE.matcher(statement);
      if (!table.find() || !ttl.find()) {
        continue;
      }
      int declared = Integer.parseInt(ttl.group(1));
      TableMetadata stored = tables.get(CqlIdentifier.fromCql(table.group(1)));
      Object live = stored == null ? null : stored.getOptions().get(TIME_TO_LIVE_OPTION);
      if (stored != null && (!(live instanceof Number n) || n.intValue() != declared)) {
        outdated.put(table.group(1), declared);
      }
    }
    return outdated;
  }

  private static Map<CqlIdentifier, TableMetadata> tables(CqlSession session, String keyspace) {
    return session.refreshSchema().getKeyspace(keyspace).map(k -> k.getTables()).orElseThrow();
  }

  /** Each table's partition key as schema.cql declares it, in order. */
  static Map<String, List<String>> declaredPartitionKeys() {
    Map<String, List<String>> keys = new LinkedHashMap<>();
    for (String statement : statements()) {
      Matcher table = CREATE_TABLE.matcher(statement);
      if (!table.find()) {
        continue;
      }
      Matcher composite = COMPOSITE_KEY.matcher(statement);
      Matcher simple = SIMPLE_KEY.matcher(statement);
      Matcher inline = INLINE_KEY.matcher(statement);
      String columns;
      if (composite.find()) {
        columns = composite.group(1);
      } else if (simple.find()) {
        columns = simple.group(1);
      } else if (inline.find()) {
        columns = inline.group(1);
      } else {
        throw new IllegalStateException("schema.cql: no primary key in " + statement);
      }
      keys.put(table.group(1), Arrays.stream(columns.split(",")).map(String::strip).toList());
    }
    return keys;
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
