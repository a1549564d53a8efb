package ssa.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A checked-in config file with {@code ${name}} placeholders. A placeholder without a value fails
 * at once, instead of leaving a literal {@code ${...}} in a daemon's config.
 */
public final class Template {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([a-z_]+)}");

  private final String name;
  private final String text;

  private Template(String name, String text) {
    this.name = name;
    this.text = text;
  }

  /** A template from this module's resources, e.g. {@code cassandra/cassandra.yaml}. */
  public static Template resource(String path) {
    try (InputStream in = Template.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("no template " + path + " in the launcher's resources");
      }
      return new Template(path, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String render(Map<String, String> values) {
    Matcher m = PLACEHOLDER.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = values.get(m.group(1));
      if (value == null) {
        throw new IllegalArgumentException(name + ": no value for ${" + m.group(1) + "}");
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** A single-quoted YAML scalar: any path or name is safe in it. */
  public static String yamlString(String value) {
    return "'" + value.replace("'", "''") + "'";
  }
}
