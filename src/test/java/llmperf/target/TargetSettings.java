package llmperf.target;

import java.time.Duration;

/**
 * Everything the embedded reference target needs to know: where to listen, its seeded latency and
 * capacity model, and the faults it starts with. Built from simulations.conf by the config package,
 * or directly by tests.
 */
public record TargetSettings(
    String host,
    int port,
    long seed,
    String apiKey,
    String userPassword,
    String model,
    int maxBodyBytes,
    // REST service time: lognormal given by its median and p95.
    Duration restMedian,
    Duration restP95,
    // ML pipeline (enhance, personality, webvtt) service time: lognormal by median and p95.
    Duration mlMedian,
    Duration mlP95,
    // GPU-like generation pool.
    int slots,
    int queueCapacity,
    Duration retryAfter,
    Duration prefillBase,
    Duration prefillPerPromptToken,
    Duration tokenInterval,
    double contention,
    int defaultMaxTokens,
    double minOutputFraction,
    // Voice synthesis.
    Duration voiceFirstByte,
    int voiceBytesPerSecond,
    int voiceBytesPerChar,
    Faults faults) {

  /** Reference values: a quick, healthy target that the budgets of simulations.conf comfortably meet. */
  public static TargetSettings defaults() {
    return new TargetSettings(
        "127.0.0.1", 0, 42L, "sk-embedded-demo", "demo-password", "llmperf-mini", 1 << 20,
        Duration.ofMillis(8), Duration.ofMillis(25),
        Duration.ofMillis(120), Duration.ofMillis(400),
        64, 256, Duration.ofSeconds(1),
        Duration.ofMillis(80), Duration.ofNanos(200_000), Duration.ofMillis(15), 0.5,
        64, 0.75,
        Duration.ofMillis(150), 32_000, 160,
        Faults.none());
  }

  public TargetSettings withPort(int newPort) {
    return new TargetSettings(host, newPort, seed, apiKey, userPassword, model, maxBodyBytes,
        restMedian, restP95, mlMedian, mlP95, slots, queueCapacity, retryAfter, prefillBase,
        prefillPerPromptToken, tokenInterval, contention, defaultMaxTokens, minOutputFraction,
        voiceFirstByte, voiceBytesPerSecond, voiceBytesPerChar, faults);
  }

  public TargetSettings withSlots(int newSlots, int newQueueCapacity) {
    return new TargetSettings(host, port, seed, apiKey, userPassword, model, maxBodyBytes,
        restMedian, restP95, mlMedian, mlP95, newSlots, newQueueCapacity, retryAfter, prefillBase,
        prefillPerPromptToken, tokenInterval, contention, defaultMaxTokens, minOutputFraction,
        voiceFirstByte, voiceBytesPerSecond, voiceBytesPerChar, faults);
  }

  public TargetSettings withFaults(Faults newFaults) {
    return new TargetSettings(host, port, seed, apiKey, userPassword, model, maxBodyBytes,
        restMedian, restP95, mlMedian, mlP95, slots, queueCapacity, retryAfter, prefillBase,
        prefillPerPromptToken, tokenInterval, contention, defaultMaxTokens, minOutputFraction,
        voiceFirstByte, voiceBytesPerSecond, voiceBytesPerChar, newFaults);
  }

  public TargetSettings withMaxBodyBytes(int newMaxBodyBytes) {
    return new TargetSettings(host, port, seed, apiKey, userPassword, model, newMaxBodyBytes,
        restMedian, restP95, mlMedian, mlP95, slots, queueCapacity, retryAfter, prefillBase,
        prefillPerPromptToken, tokenInterval, contention, defaultMaxTokens, minOutputFraction,
        voiceFirstByte, voiceBytesPerSecond, voiceBytesPerChar, faults);
  }
}
