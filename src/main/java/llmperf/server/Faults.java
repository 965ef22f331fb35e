package llmperf.server;

import java.time.Duration;

/**
 * Faults the target injects; set from config at start and replaceable at run time through the admin route.
 *
 * @param errorRate fraction (0..1) of requests answered with HTTP 500 instead of their normal reply
 * @param latencyMultiplier factor (>= 0) applied to every service time, prefill and token interval
 * @param ttftExtra added to the time to first token of every generation
 * @param stallRate fraction (0..1) of streams that pause once for {@code stallDuration} mid-stream
 * @param stallDuration length of one stall
 * @param dropRate fraction (0..1) of streams whose connection is closed abruptly mid-stream
 * @param truncateRate fraction (0..1) of streams that end cleanly but without their terminal event
 * @param window when they apply, from the target's first request
 * @param latencyGrowthPerMinute how much the latency multiplier grows per minute since the target's first request
 *     (0.5: 1.5 times after a minute, twice after two): a slow, deterministic degradation for a soak to find
 */
public record Faults(
    double errorRate,
    double latencyMultiplier,
    Duration ttftExtra,
    double stallRate,
    Duration stallDuration,
    double dropRate,
    double truncateRate,
    FaultWindow window,
    double latencyGrowthPerMinute) {

  /** Faults that apply all the time. */
  public Faults(double errorRate, double latencyMultiplier, Duration ttftExtra, double stallRate,
      Duration stallDuration, double dropRate, double truncateRate) {
    this(errorRate, latencyMultiplier, ttftExtra, stallRate, stallDuration, dropRate, truncateRate,
        FaultWindow.ALWAYS);
  }

  /** Faults whose latency does not grow. */
  public Faults(double errorRate, double latencyMultiplier, Duration ttftExtra, double stallRate,
      Duration stallDuration, double dropRate, double truncateRate, FaultWindow window) {
    this(errorRate, latencyMultiplier, ttftExtra, stallRate, stallDuration, dropRate, truncateRate, window, 0);
  }

  /** These faults {@code minutes} after the first request: the multiplier grown by then. */
  Faults after(double minutes) {
    return latencyGrowthPerMinute == 0 ? this : new Faults(errorRate,
        latencyMultiplier * (1 + latencyGrowthPerMinute * minutes), ttftExtra, stallRate, stallDuration, dropRate,
        truncateRate, window, latencyGrowthPerMinute);
  }

  public static Faults none() {
    return new Faults(0, 1, Duration.ZERO, 0, Duration.ofSeconds(1), 0, 0);
  }
}
