package llmperf.config;

import llmperf.profiles.Profiles;
import llmperf.profiles.Rates;

/** Reads a scale's capacity search (scales.<scale>.capacity). */
final class CapacityReader {

  private CapacityReader() {}

  static Profiles.Capacity read(ConfigReader reader, String at) {
    double startRate = reader.number(at + ".start-rate", 0.01, 100_000,
        "expected the first probe's rate above 0 (users per second), like 2 or 0.5");
    double maxRate = reader.number(at + ".max-rate", startRate, 100_000,
        "expected the highest rate to probe, at least start-rate (" + Rates.shown(startRate) + ") users per second");
    double precisionPercent = reader.number(at + ".precision", 0.5, 50,
        "expected the bracket's width the search stops at, in percent of the rate: between 0.5 and 50, like 5");
    Profiles.Capacity capacity = new Profiles.Capacity(startRate, maxRate, precisionPercent / 100,
        reader.duration(at + ".warm-up"), reader.positiveDuration(at + ".probe"),
        reader.positiveDuration(at + ".max-duration"));
    if (capacity.maxDuration().compareTo(capacity.probeLoad()) < 0) {
      throw new ConfigError(at + ".max-duration = " + seconds(capacity.maxDuration())
          + ": expected room for one probe at least (warm-up + probe = " + seconds(capacity.probeLoad()) + ")");
    }
    return capacity;
  }

  private static String seconds(java.time.Duration duration) {
    return duration.toMillis() / 1000.0 + " s";
  }
}
