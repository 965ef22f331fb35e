package llmperf.signoff.analysis;

/**
 * How a percentile of one row changed between two sets of samples (a baseline and this run, a soak's first and last
 * window), as an interval rather than a point: the ratio after / before with 95 % confidence, from each side's own
 * samples ({@link OrderStatistics}: each side's two-sided 97.5 % interval, so that the two together miss by at most
 * 5 %). The interval, not the point, is held to the allowed rise: a rise fails only when the whole interval lies
 * above it, and a run too short or too noisy to tell says so instead of failing or passing on one sample.
 *
 * @param beforeCount the samples before; afterCount after
 * @param lowPercent the interval's low end, as a change in percent; null when not judged
 * @param highPercent its high end; null when not judged
 * @param allowedPercent the rise the interval is held to
 * @param verdict the caller's word for a rise past it ("regressed", "drifted"), {@link #WITHIN_NOISE} (the interval
 *     straddles it), {@link #HOLDS} (it lies below it), {@link #IMPROVED} (below no change) or {@link #NOT_JUDGED}
 * @param note why it was not judged, or what else the verdict rests on; null when nothing
 */
public record ChangeInterval(long beforeCount, long afterCount, Double lowPercent, Double highPercent,
    double allowedPercent, String verdict, String note) {

  /** The interval's confidence, both sides together. */
  static final double CONFIDENCE = 0.95;
  /** The chance each of the four one-sided bounds may miss (Bonferroni). */
  static final double TAIL = (1 - CONFIDENCE) / 4;
  public static final String WITHIN_NOISE = "within noise";
  public static final String HOLDS = "holds";
  public static final String IMPROVED = "improved";
  public static final String NOT_JUDGED = "not judged";

  /** The fewest samples a side needs for its percentile to be bounded both ways: 86 for the p95, 7 for the median. */
  static long needed(double percentile) {
    return OrderStatistics.minSamples(percentile / 100, TAIL);
  }

  /**
   * @param percentile 50 for the median, 95 for the p95
   * @param allowedPercent the rise allowed
   * @param rose the verdict's word for a rise past it
   * @param sides what the two sides are, for the note of a row not judged ("both runs")
   */
  static ChangeInterval of(Durations before, Durations after, double percentile, double allowedPercent, String rose,
      String sides) {
    long[] beforeRanks = OrderStatistics.ranks(before.count(), percentile / 100, TAIL);
    long[] afterRanks = OrderStatistics.ranks(after.count(), percentile / 100, TAIL);
    if (beforeRanks == null || afterRanks == null) {
      return new ChangeInterval(before.count(), after.count(), null, null, allowedPercent, NOT_JUDGED, "needs "
          + needed(percentile) + " OK samples in " + sides + ", had " + before.count() + " and " + after.count());
    }
    // Values are whole units (ms, µs): a 0 is under one, and divides as one.
    double low = 100 * (after.atRank(afterRanks[0]) / (double) Math.max(1, before.atRank(beforeRanks[1])) - 1);
    double high = 100 * (after.atRank(afterRanks[1]) / (double) Math.max(1, before.atRank(beforeRanks[0])) - 1);
    String verdict = low > allowedPercent ? rose : high < 0 ? IMPROVED : high <= allowedPercent ? HOLDS
        : WITHIN_NOISE;
    return new ChangeInterval(before.count(), after.count(), low, high, allowedPercent, verdict, null);
  }

  public boolean judged() {
    return lowPercent != null;
  }

  /** The same interval with a note on what else its verdict rests on. */
  ChangeInterval noted(String verdictWord, String text) {
    return new ChangeInterval(beforeCount, afterCount, lowPercent, highPercent, allowedPercent, verdictWord, text);
  }

  /** "+3 % to +22 %" (rounded outwards), or "not judged: needs ...". */
  public String text() {
    if (!judged()) {
      return NOT_JUDGED + (note == null ? "" : ": " + note);
    }
    // Outwards to whole percents, past a ratio's rounding error (1.3 / 1.0 - 1 is 0.30000000000000004).
    return Figures.signedPercent(Math.floor(lowPercent + 1e-9)) + " to "
        + Figures.signedPercent(Math.ceil(highPercent - 1e-9));
  }
}
