package llmperf.gatling;

import com.tdunning.math.stats.AVLTreeDigest;

/**
 * Percentiles exactly as Gatling 3.15.1's report computes them ({@code GeneralStatsBuffer} in gatling-charts): the
 * values go, as ints and in the order of the log's records, into a t-digest ({@code AVLTreeDigest}, compression
 * 100, t-digest 3.3: the very class Gatling uses, on the classpath through gatling-charts); a percentile is
 * {@code Math.round(digest.quantile(p / 100))}. So they are t-digest estimates, not textbook order statistics:
 * the median of 10, 20, 30, 40 is 30.
 *
 * <p>Up to {@link #DETERMINISTIC_UP_TO} values every value stays its own centroid, the result is always one of the
 * values, and it is the report's, whatever their order. Past that the digest merges neighbouring values into
 * centroids, which makes the result depend on the order of the values (pass them in log order, as {@link RunLog}
 * lists its records) and on chance: {@code AVLTreeDigest} picks with an unseeded {@link java.util.Random} among
 * equally close centroids with room. Gatling's own report then varies between two renderings of the same log (a
 * 171-value row of this suite showed a 99th percentile of 101 or of 119 ms), and so does this method: it reproduces
 * the algorithm, not its coin flips.
 */
public final class Percentiles {

  /**
   * The most values for which the result is certain. t-digest's K_2 scale lets a centroid of one value take a second
   * only once {@code count * (4 ln(count / 100) + 24) / 400 >= 2}: from the 41st value on.
   */
  public static final int DETERMINISTIC_UP_TO = 40;

  private static final double COMPRESSION = 100.0;

  private Percentiles() {}

  /**
   * The report's value for each percentile (0 to 100) of the values. 0 and 100 give the report's Min and Max: the
   * digest keeps the smallest and largest value exactly, so Gatling's truncation of those two and its rounding of
   * the others agree.
   *
   * @param valuesInLogOrder response times in ms (or group cumulated response times), in the order of the log
   */
  public static long[] of(long[] valuesInLogOrder, double... percentiles) {
    if (valuesInLogOrder.length == 0) {
      throw new IllegalArgumentException("no values: the report shows '-' for a column without values");
    }
    AVLTreeDigest digest = new AVLTreeDigest(COMPRESSION);
    for (long value : valuesInLogOrder) {
      digest.add(Math.toIntExact(value));
    }
    long[] result = new long[percentiles.length];
    for (int i = 0; i < percentiles.length; i++) {
      double percentile = percentiles[i];
      if (!(percentile >= 0 && percentile <= 100)) {
        throw new IllegalArgumentException("percentile " + percentile + " is not between 0 and 100");
      }
      result[i] = Math.round(digest.quantile(percentile / 100.0));
    }
    return result;
  }
}
