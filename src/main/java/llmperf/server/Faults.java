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
 */
public record Faults(
    double errorRate,
    double latencyMultiplier,
    Duration ttftExtra,
    double stallRate,
    Duration stallDuration,
    double dropRate,
    double truncateRate,
    FaultWindow window) {

  /** Faults that apply all the time. */
  public Faults(double errorRate, double latencyMultiplier, Duration ttftExtra, double stallRate,
      Duration stallDuration, double dropRate, double truncateRate) {
    this(errorRate, latencyMultiplier, ttftExtra, stallRate, stallDuration, dropRate, truncateRate,
        FaultWindow.ALWAYS);
  }

  public static Faults none() {
    return new Faults(0, 1, Duration.ZERO, 0, Duration.ofSeconds(1), 0, 0);
  }
}
