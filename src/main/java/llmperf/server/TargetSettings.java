package llmperf.server;

import java.time.Duration;

/**
 * Everything the embedded reference target needs to know: where to listen, its seeded latency and
 * capacity model, and the faults it starts with. Built from simulations.conf (embedded-target.*) by the config
 * package, the one source of its values.
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
    Faults faults,
    ReasoningSettings reasoning,
    PrefixCacheSettings prefixCache,
    // Characters a prompt token: prompts count ceil(characters / this), as usage and prefill see them.
    int charsPerToken) {

  /** The embedded target listens on this machine's loopback only: load never leaves the machine. */
  public static final String LOOPBACK_HOST = "127.0.0.1";

  /** The reference server's rule of prompt tokens by default: ceil(characters / 4), OpenAI's rule of thumb. */
  public static final int CHARS_PER_TOKEN = 4;

  /** Settings where no model reasons, with the default prefix cache and prompt-token rule. */
  public TargetSettings(String host, int port, long seed, String apiKey, String userPassword, String model,
      int maxBodyBytes, Duration restMedian, Duration restP95, Duration mlMedian, Duration mlP95, int slots,
      int queueCapacity, Duration retryAfter, Duration prefillBase, Duration prefillPerPromptToken,
      Duration tokenInterval, double contention, int defaultMaxTokens, double minOutputFraction,
      Duration voiceFirstByte, int voiceBytesPerSecond, int voiceBytesPerChar, Faults faults) {
    this(host, port, seed, apiKey, userPassword, model, maxBodyBytes, restMedian, restP95, mlMedian, mlP95, slots,
        queueCapacity, retryAfter, prefillBase, prefillPerPromptToken, tokenInterval, contention, defaultMaxTokens,
        minOutputFraction, voiceFirstByte, voiceBytesPerSecond, voiceBytesPerChar, faults, ReasoningSettings.none(),
        PrefixCacheSettings.standard(), CHARS_PER_TOKEN);
  }

  public TargetSettings withPort(int newPort) {
    return new TargetSettings(host, newPort, seed, apiKey, userPassword, model, maxBodyBytes,
        restMedian, restP95, mlMedian, mlP95, slots, queueCapacity, retryAfter, prefillBase,
        prefillPerPromptToken, tokenInterval, contention, defaultMaxTokens, minOutputFraction,
        voiceFirstByte, voiceBytesPerSecond, voiceBytesPerChar, faults, reasoning, prefixCache, charsPerToken);
  }

  public TargetSettings withSlots(int newSlots, int newQueueCapacity) {
    return new TargetSettings(host, port, seed, apiKey, userPassword, model, maxBodyBytes,
        restMedian, restP95, mlMedian, mlP95, newSlots, newQueueCapacity, retryAfter, prefillBase,
        prefillPerPromptToken, tokenInterval, contention, defaultMaxTokens, minOutputFraction,
        voiceFirstByte, voiceBytesPerSecond, voiceBytesPerChar, faults, reasoning, prefixCache, charsPerToken);
  }

  public TargetSettings withFaults(Faults newFaults) {
    return new TargetSettings(host, port, seed, apiKey, userPassword, model, maxBodyBytes,
        restMedian, restP95, mlMedian, mlP95, slots, queueCapacity, retryAfter, prefillBase,
        prefillPerPromptToken, tokenInterval, contention, defaultMaxTokens, minOutputFraction,
        voiceFirstByte, voiceBytesPerSecond, voiceBytesPerChar, newFaults, reasoning, prefixCache, charsPerToken);
  }

  public TargetSettings withMaxBodyBytes(int newMaxBodyBytes) {
    return new TargetSettings(host, port, seed, apiKey, userPassword, model, newMaxBodyBytes,
        restMedian, restP95, mlMedian, mlP95, slots, queueCapacity, retryAfter, prefillBase,
        prefillPerPromptToken, tokenInterval, contention, defaultMaxTokens, minOutputFraction,
        voiceFirstByte, voiceBytesPerSecond, voiceBytesPerChar, faults, reasoning, prefixCache, charsPerToken);
  }

  public TargetSettings withReasoning(ReasoningSettings newReasoning) {
    return new TargetSettings(host, port, seed, apiKey, userPassword, model, maxBodyBytes,
        restMedian, restP95, mlMedian, mlP95, slots, queueCapacity, retryAfter, prefillBase,
        prefillPerPromptToken, tokenInterval, contention, defaultMaxTokens, minOutputFraction,
        voiceFirstByte, voiceBytesPerSecond, voiceBytesPerChar, faults, newReasoning, prefixCache, charsPerToken);
  }

  public TargetSettings withPrefixCache(PrefixCacheSettings newPrefixCache) {
    return new TargetSettings(host, port, seed, apiKey, userPassword, model, maxBodyBytes,
        restMedian, restP95, mlMedian, mlP95, slots, queueCapacity, retryAfter, prefillBase,
        prefillPerPromptToken, tokenInterval, contention, defaultMaxTokens, minOutputFraction,
        voiceFirstByte, voiceBytesPerSecond, voiceBytesPerChar, faults, reasoning, newPrefixCache, charsPerToken);
  }
}
