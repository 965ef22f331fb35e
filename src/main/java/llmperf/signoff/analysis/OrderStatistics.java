package llmperf.signoff.analysis;

/**
 * Distribution-free confidence bounds for a percentile, from order statistics: of n independent samples, how many
 * lie below the true p-quantile is Binomial(n, p), so the probability that the k-th smallest sample lies above it is
 * exactly a binomial tail, whatever the distribution (with ties, as in whole milliseconds, the bounds only widen).
 *
 * <p>Chosen over a bootstrap: the same samples always give the same interval with no random draws or seed; it holds
 * at the small counts of a short run, where a percentile bootstrap never reaches past the largest sample and so
 * claims a p95 known better than it is; and it needs each value's count only, so a baseline can keep a bounded
 * histogram rather than its raw samples.
 */
final class OrderStatistics {

  /** Binomial terms further than this many standard deviations from the mean weigh less than 1e-30 together. */
  private static final double WIDTH_SD = 12;
  private static final double[] LANCZOS = {0.99999999999980993, 676.5203681218851, -1259.1392167224028,
      771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
      1.5056327351493116e-7};

  private OrderStatistics() {}

  /**
   * The 0-based ranks {low, high} of n sorted samples that bound their p-quantile, each missing it (the low one
   * above it, the high one below it) with a probability of at most {@code tail}; null when n is too small for either.
   */
  static long[] ranks(long n, double p, double tail) {
    if (n < minSamples(p, tail)) {
      return null;
    }
    double sd = Math.sqrt(n * p * (1 - p));
    long from = Math.max(0, (long) Math.floor(n * p - WIDTH_SD * sd) - 1);
    long to = Math.min(n, (long) Math.ceil(n * p + WIDTH_SD * sd) + 1);
    double term = Math.exp(logChoose(n, from) + from * Math.log(p) + (n - from) * Math.log1p(-p));
    double below = 0;
    long low = 0;
    long high = n - 1;
    boolean highFound = false;
    for (long k = from; k <= to; k++) {
      below += term;
      // below = P(B <= k): the probability that the sample of 0-based rank k lies above the quantile.
      if (below <= tail) {
        low = k;
      }
      if (!highFound && below >= 1 - tail) {
        high = k;
        highFound = true;
      }
      term *= (double) (n - k) / (k + 1) * p / (1 - p);
    }
    return new long[] {low, high};
  }

  /**
   * The fewest samples for which both bounds exist: the smallest sample must lie below the quantile, and the
   * largest above it, each with a probability of at least 1 - tail.
   */
  static long minSamples(double p, double tail) {
    return (long) Math.ceil(Math.max(Math.log(tail) / Math.log(p), Math.log(tail) / Math.log1p(-p)));
  }

  private static double logChoose(long n, long k) {
    return logGamma(n + 1) - logGamma(k + 1) - logGamma(n - k + 1);
  }

  /** ln Γ(x) for x >= 1, Lanczos' approximation (g = 7, nine terms), relative error about 1e-15. */
  private static double logGamma(double x) {
    double shifted = x - 1;
    double sum = LANCZOS[0];
    for (int i = 1; i < LANCZOS.length; i++) {
      sum += LANCZOS[i] / (shifted + i);
    }
    double t = shifted + 7.5;
    return 0.5 * Math.log(2 * Math.PI) + (shifted + 0.5) * Math.log(t) - t + Math.log(sum);
  }
}
