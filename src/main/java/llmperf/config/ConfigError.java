package llmperf.config;

/**
 * A user mistake in the settings: its message is the one line the user sees ("key = value: expected ...").
 * It carries no stack trace because the trace would only bury that line.
 */
public final class ConfigError extends RuntimeException {

  public ConfigError(String message) {
    super(message, null, false, false);
  }

  public static ConfigError of(String key, Object value, String expected) {
    return new ConfigError(key + " = " + render(value) + ": " + expected);
  }

  private static String render(Object value) {
    return value instanceof String ? "\"" + value + "\"" : String.valueOf(value);
  }
}
