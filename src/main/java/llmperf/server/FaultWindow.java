package llmperf.server;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;

/**
 * When the target's faults apply, counted from the first request it served (a run's start, give or take its
 * warm-up request): {@code 10s..20s} places a fault inside a spike's peak or a soak's last window. Outside it the
 * target is healthy.
 *
 * @param to the end, exclusive; null only in {@link #ALWAYS}
 */
public record FaultWindow(Duration from, Duration to) {

  public static final FaultWindow ALWAYS = new FaultWindow(Duration.ZERO, null);
  static final String ALLOWED = "expected FROM..TO, durations from the target's first request with FROM before TO"
      + " (like 10s..20s), or empty for always";

  /** Parses "10s..20s", or "" for {@link #ALWAYS}; an unreadable text throws with {@link #ALLOWED} as its message. */
  public static FaultWindow parse(String text) {
    String trimmed = text.trim();
    if (trimmed.isEmpty()) {
      return ALWAYS;
    }
    int dots = trimmed.indexOf("..");
    if (dots < 0) {
      throw new IllegalArgumentException(ALLOWED);
    }
    Duration from = duration(trimmed.substring(0, dots));
    Duration to = duration(trimmed.substring(dots + 2));
    if (from.compareTo(to) >= 0) {
      throw new IllegalArgumentException(ALLOWED);
    }
    return new FaultWindow(from, to);
  }

  private static Duration duration(String text) {
    try {
      return ConfigFactory.parseString("d = \"" + text.trim().replace("\"", "") + "\"").getDuration("d");
    } catch (ConfigException e) {
      throw new IllegalArgumentException(ALLOWED);
    }
  }

  public boolean always() {
    return to == null && from.isZero();
  }

  boolean contains(long nanosSinceFirstRequest) {
    return nanosSinceFirstRequest >= from.toNanos() && (to == null || nanosSinceFirstRequest < to.toNanos());
  }

  /** The window as configured: "" for always. */
  public String text() {
    return always() ? "" : from.toMillis() + "ms.." + to.toMillis() + "ms";
  }
}
