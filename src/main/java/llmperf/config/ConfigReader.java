package llmperf.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigValue;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Arrays;
import java.util.TreeMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads typed values out of the merged config, turning every bad value into a one-line {@link ConfigError}. */
public final class ConfigReader {

  private final Config config;

  ConfigReader(Config config) {
    this.config = config;
  }

  public String string(String key) {
    requirePresent(key);
    ConfigValue value = config.getValue(key);
    return switch (value.valueType()) {
      case STRING, NUMBER, BOOLEAN -> String.valueOf(value.unwrapped());
      default -> throw ConfigError.of(key, value.unwrapped(), "expected a string");
    };
  }

  /** A string that must say something: an empty one is refused with what it should hold. */
  public String nonEmptyString(String key, String expected) {
    String value = string(key);
    if (value.isBlank()) {
      throw ConfigError.of(key, value, expected);
    }
    return value;
  }

  public String oneOf(String key, Set<String> allowed) {
    String value = string(key);
    if (!allowed.contains(value)) {
      throw ConfigError.of(key, value, "expected one of " + String.join(", ", allowed));
    }
    return value;
  }

  public boolean bool(String key) {
    requirePresent(key);
    try {
      return config.getBoolean(key);
    } catch (ConfigException.WrongType e) {
      throw ConfigError.of(key, raw(key), "expected true or false");
    }
  }

  public long integer(String key, long min, long max) {
    requirePresent(key);
    long value;
    try {
      double number = config.getDouble(key);
      if (number != Math.rint(number)) {
        throw ConfigError.of(key, raw(key), "expected a whole number");
      }
      value = (long) number;
    } catch (ConfigException.WrongType e) {
      throw ConfigError.of(key, raw(key), "expected a whole number between " + min + " and " + max);
    }
    if (value < min || value > max) {
      throw ConfigError.of(key, raw(key), "expected a whole number between " + min + " and " + max);
    }
    return value;
  }

  public double number(String key, double min, double max, String expected) {
    requirePresent(key);
    double value;
    try {
      value = config.getDouble(key);
    } catch (ConfigException.WrongType e) {
      throw ConfigError.of(key, raw(key), expected);
    }
    if (Double.isNaN(value) || value < min || value > max) {
      throw ConfigError.of(key, raw(key), expected);
    }
    return value;
  }

  public double fraction(String key) {
    return number(key, 0, 1, "expected a fraction between 0 and 1");
  }

  public double percent(String key) {
    return number(key, 0, 100, "expected a percentage between 0 and 100");
  }

  /** How much something grows each minute, as a share of itself: 0 (not at all) to 1000. */
  public double growthPerMinute(String key) {
    return number(key, 0, 1000, "expected a growth per minute from 0 to 1000 (0.5: 1.5 times after a minute)");
  }

  public Duration duration(String key) {
    requirePresent(key);
    Duration value;
    try {
      value = config.getDuration(key);
    } catch (ConfigException.WrongType | ConfigException.BadValue e) {
      throw ConfigError.of(key, raw(key), "expected a duration like 500ms, 2s or 5m");
    }
    if (value.isNegative()) {
      throw ConfigError.of(key, raw(key), "expected a duration of 0 or more, like 500ms, 2s or 5m");
    }
    return value;
  }

  public Duration positiveDuration(String key) {
    Duration value = duration(key);
    if (value.isZero()) {
      throw ConfigError.of(key, raw(key), "expected a duration above 0, like 500ms, 2s or 5m");
    }
    return value;
  }

  public long bytes(String key) {
    requirePresent(key);
    try {
      long value = config.getBytes(key);
      if (value <= 0) {
        throw ConfigError.of(key, raw(key), "expected a size above 0, like 512KiB or 1MiB");
      }
      return value;
    } catch (ConfigException.WrongType | ConfigException.BadValue e) {
      throw ConfigError.of(key, raw(key), "expected a size like 512KiB or 1MiB");
    }
  }

  /** An absolute http(s) or ws(s) URL with a host, given the schemes allowed. */
  public URI url(String key, List<String> schemes) {
    String value = string(key);
    String expected = "expected an absolute URL like " + schemes.get(0) + "://host:port";
    try {
      URI uri = new URI(value);
      if (uri.getScheme() == null || !schemes.contains(uri.getScheme().toLowerCase()) || uri.getHost() == null) {
        throw ConfigError.of(key, value, expected);
      }
      return uri;
    } catch (URISyntaxException e) {
      throw ConfigError.of(key, value, expected);
    }
  }

  /** Whether the key is set at all (for the settings a file may leave out). */
  public boolean has(String key) {
    return config.hasPath(key);
  }

  /**
   * A list of names, as a list or (from a -D property) one comma-separated string, each matching {@code name}.
   *
   * @param expected what a name may be, for the error line
   */
  public List<String> names(String key, Pattern name, String expected) {
    requirePresent(key);
    ConfigValue value = config.getValue(key);
    List<String> names = switch (value.valueType()) {
      case LIST -> config.getList(key).stream().map(item -> String.valueOf(item.unwrapped())).toList();
      case STRING -> Arrays.stream(((String) value.unwrapped()).split(",")).map(String::strip)
          .filter(item -> !item.isEmpty()).toList();
      default -> throw ConfigError.of(key, value.unwrapped(), "expected a list of names");
    };
    for (String item : names) {
      if (!name.matcher(item).matches()) {
        throw ConfigError.of(key, item, "expected " + expected);
      }
    }
    return names;
  }

  /** The direct children of an object key, sorted by name so that every listing is stable. */
  public Map<String, ConfigValue> children(String key) {
    requirePresent(key);
    try {
      return new TreeMap<>(config.getObject(key));
    } catch (ConfigException.WrongType e) {
      throw ConfigError.of(key, raw(key), "expected an object { ... }");
    }
  }

  private void requirePresent(String key) {
    if (!config.hasPath(key)) {
      throw new ConfigError(key + " is missing: add it to simulations.conf or pass -D" + key + "=...");
    }
  }

  private Object raw(String key) {
    return config.getValue(key).unwrapped();
  }
}
