package ssa.settings;

/** A setting that cannot be used: unknown, missing, of the wrong type or out of range. */
public final class SettingException extends IllegalArgumentException {
  private final String key;

  public SettingException(String key, String problem) {
    super(key + ": " + problem);
    this.key = key;
  }

  public SettingException(Setting setting, String problem) {
    this(setting.key(), problem);
  }

  public SettingException(String key, String problem, Throwable cause) {
    super(key + ": " + problem, cause);
    this.key = key;
  }

  /** The key at fault, as the user wrote it. */
  public String key() {
    return key;
  }
}
