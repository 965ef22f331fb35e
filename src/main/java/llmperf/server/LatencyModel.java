package llmperf.server;

import java.time.Duration;
import java.util.SplittableRandom;

/**
 * The seeded timing model: lognormal service times for REST and ML routes, and the GPU-like generation plan
 * (prefill proportional to the prompt, output length from max_tokens, faults decided per request).
 */
public final class LatencyModel {

  static final int MAX_TOKENS_CAP = 4096;

  /** z-score of the 95th percentile of a standard normal. */
  private static final double Z95 = 1.645;

  private final TargetSettings settings;
  private final double restMedian;
  private final double restSigma;
  private final double mlMedian;
  private final double mlSigma;

  public LatencyModel(TargetSettings settings) {
    this.settings = settings;
    this.restMedian = settings.restMedian().toNanos();
    this.restSigma = sigma(settings.restMedian(), settings.restP95());
    this.mlMedian = settings.mlMedian().toNanos();
    this.mlSigma = sigma(settings.mlMedian(), settings.mlP95());
  }

  private static double sigma(Duration median, Duration p95) {
    if (median.isZero() || p95.compareTo(median) <= 0) {
      return 0;
    }
    return Math.log((double) p95.toNanos() / median.toNanos()) / Z95;
  }

  long restNanos(SplittableRandom random, Faults faults) {
    return lognormal(random, restMedian, restSigma, faults.latencyMultiplier());
  }

  long mlNanos(SplittableRandom random, Faults faults) {
    return lognormal(random, mlMedian, mlSigma, faults.latencyMultiplier());
  }

  private static long lognormal(SplittableRandom random, double median, double sigma, double mult) {
    return Math.round(median * Math.exp(sigma * random.nextGaussian()) * mult);
  }

  /** The prompt tokens of {@code promptChars} characters by the server's rule: ceil(characters / chars-per-token). */
  static int promptTokens(long promptChars, int charsPerToken) {
    return (int) Math.min(Integer.MAX_VALUE, (promptChars + charsPerToken - 1) / charsPerToken);
  }

  int promptTokens(long promptChars) {
    return promptTokens(promptChars, settings.charsPerToken());
  }

  /** The request's max_tokens, or the default when absent, capped like a real server's context limit. */
  int maxTokens(int requested) {
    return Math.min(MAX_TOKENS_CAP, requested > 0 ? requested : settings.defaultMaxTokens());
  }

  /** Time between two tokens; grows with the number of streams sharing the slots. */
  long tokenIntervalNanos(int activeStreams, double latencyMultiplier) {
    double load = 1 + settings.contention() * Math.max(0, activeStreams - 1) / settings.slots();
    return Math.round(settings.tokenInterval().toNanos() * load * latencyMultiplier);
  }

  /**
   * The prefill of a prompt of {@code promptChars} characters (all messages' content): the TTFT the server plans
   * for a reply that does not queue.
   */
  public long prefillNanos(long promptChars, Faults faults) {
    return prefillNanos(promptChars, 0, faults);
  }

  /** The prefill of a prompt whose first {@code cachedTokens} tokens the prefix cache holds: those skip theirs. */
  long prefillNanos(long promptChars, int cachedTokens, Faults faults) {
    return Math.round((settings.prefillBase().toNanos()
        + (double) (promptTokens(promptChars) - cachedTokens) * settings.prefillPerPromptToken().toNanos())
        * faults.latencyMultiplier()) + faults.ttftExtra().toNanos();
  }

  /** Decides a generation with no reasoning. */
  GenerationPlan plan(SplittableRandom random, Faults faults, long promptChars, int maxTokens,
      boolean streaming) {
    return plan(random, faults, promptChars, maxTokens, streaming, 0);
  }

  /** Decides a generation whose prompt the prefix cache does not hold. */
  GenerationPlan plan(SplittableRandom random, Faults faults, long promptChars, int maxTokens,
      boolean streaming, int reasoningTokens) {
    return plan(random, faults, promptChars, maxTokens, streaming, reasoningTokens, 0);
  }

  /**
   * Decides a generation. The draws always happen in the same order (fault dice, length, answer words, then
   * reasoning words) so the same seed and request sequence give the same plan whatever the faults are, and a
   * reasoning reply's answer is the one the same request to a plain model gets.
   *
   * @param streaming false for a non-streamed reply, which has no terminal event to truncate
   * @param reasoningTokens reasoning tokens streamed before the answer
   * @param cachedTokens the prompt's leading tokens the prefix cache holds (see {@link PrefixCache})
   */
  GenerationPlan plan(SplittableRandom random, Faults faults, long promptChars, int maxTokens,
      boolean streaming, int reasoningTokens, int cachedTokens) {
    return plan(random, faults, promptChars, maxTokens, streaming, reasoningTokens, cachedTokens, false);
  }

  /**
   * The same, for a request that may set {@code ignore_eos}.
   *
   * @param ignoreEos the request's {@code ignore_eos} (vLLM's and llama.cpp's): the answer is exactly
   *     {@code maxTokens} long instead of drawn from min-output-fraction up
   */
  GenerationPlan plan(SplittableRandom random, Faults faults, long promptChars, int maxTokens,
      boolean streaming, int reasoningTokens, int cachedTokens, boolean ignoreEos) {
    boolean stall = random.nextDouble() < faults.stallRate();
    boolean drop = random.nextDouble() < faults.dropRate();
    boolean truncate = random.nextDouble() < faults.truncateRate();

    int min = ignoreEos ? maxTokens : (int) Math.ceil(settings.minOutputFraction() * maxTokens);
    min = Math.max(1, Math.min(maxTokens, min));
    int answer = min + random.nextInt(maxTokens - min + 1);
    int[] tokens = new int[reasoningTokens + answer];
    for (int i = reasoningTokens; i < tokens.length; i++) {
      tokens[i] = random.nextInt(Vocabulary.size());
    }
    for (int i = 0; i < reasoningTokens; i++) {
      tokens[i] = random.nextInt(Vocabulary.size());
    }

    int promptTokens = promptTokens(promptChars);
    double mult = faults.latencyMultiplier();
    long prefill = prefillNanos(promptChars, cachedTokens, faults);
    int midway = Math.max(1, tokens.length / 2);
    return new GenerationPlan(promptTokens, cachedTokens, maxTokens, tokens, reasoningTokens, prefill, mult,
        stall ? tokens.length / 2 : -1, faults.stallDuration().toNanos(),
        drop ? midway : -1,
        truncate && !drop && streaming ? midway : -1);
  }
}
