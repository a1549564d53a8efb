package ssa.settings;

/**
 * What declares one setting: its full path, the type and range of its value, and the environment
 * variable that overrides it (null for none). Each constant of a program's setting enum holds one,
 * so the enums themselves only list their settings.
 */
public record Declaration(String key, ValueType type, String env) {

  /** The setting {@code root.path}, e.g. {@code ssa.job} and {@code source.port}. */
  public static Declaration under(String root, String path, ValueType type, String env) {
    return new Declaration(root + "." + path, type, env);
  }
}
