package llmperf.resources;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * One Prometheus histogram as a scrape exposed it: its cumulative bucket counts by upper bound ({@code le}), summed
 * over every label set (models, engines), bounds in the metric's unit (seconds for the latency histograms).
 *
 * @param bounds the buckets' upper bounds, ascending; the last is +Inf when the server exposed it
 * @param cumulative the count of observations at or below each bound
 */
public record Buckets(String metric, double[] bounds, double[] cumulative) {

  /** A quantile estimated from the buckets, and the bounds of the bucket it fell in: its resolution. */
  public record Quantile(double value, double bucketFrom, double bucketTo) {}

  /** The histogram {@code metric} (its {@code _bucket} samples) in the exposition; null when it has none. */
  static Buckets read(PrometheusText.Exposition exposition, String metric) {
    Map<Double, Double> byBound = new TreeMap<>();
    String bucket = metric + "_bucket";
    for (PrometheusText.Sample sample : exposition.samples()) {
      String le = sample.labels().get("le");
      if (sample.name().equals(bucket) && le != null && !Double.isNaN(sample.value())) {
        byBound.merge(bound(le), sample.value(), Double::sum);
      }
    }
    if (byBound.isEmpty()) {
      return null;
    }
    return new Buckets(metric, byBound.keySet().stream().mapToDouble(Double::doubleValue).toArray(),
        byBound.values().stream().mapToDouble(Double::doubleValue).toArray());
  }

  private static double bound(String le) {
    return switch (le) {
      case "+Inf", "Inf", "inf", "+inf" -> Double.POSITIVE_INFINITY;
      default -> Double.parseDouble(le);
    };
  }

  /** Observations counted: the highest bucket's count. */
  public long count() {
    return cumulative.length == 0 ? 0 : Math.round(cumulative[cumulative.length - 1]);
  }

  /**
   * The observations made since {@code earlier} (null: since the server started). Null when a count went down
   * or the bounds changed: the server restarted in between, and the difference means nothing.
   */
  Buckets since(Buckets earlier) {
    if (earlier == null) {
      return this;
    }
    if (!metric.equals(earlier.metric) || !Arrays.equals(bounds, earlier.bounds)) {
      return null;
    }
    double[] counts = new double[bounds.length];
    for (int i = 0; i < bounds.length; i++) {
      counts[i] = cumulative[i] - earlier.cumulative[i];
      if (counts[i] < 0) {
        return null;
      }
    }
    return new Buckets(metric, bounds, counts);
  }

  /**
   * The {@code q} quantile (0 to 1) as Prometheus's histogram_quantile() estimates it: linear within the bucket the
   * rank falls in, the first bucket starting at 0; a rank in the +Inf bucket gives the highest finite bound. Null
   * when there was no observation.
   */
  public Quantile quantile(double q) {
    double total = cumulative.length == 0 ? 0 : cumulative[cumulative.length - 1];
    if (total <= 0) {
      return null;
    }
    double rank = q * total;
    int i = 0;
    while (i < bounds.length - 1 && cumulative[i] < rank) {
      i++;
    }
    double below = i == 0 ? 0 : cumulative[i - 1];
    double from = i == 0 ? Math.min(0, bounds[0]) : bounds[i - 1];
    if (Double.isInfinite(bounds[i])) {
      return new Quantile(from, from, bounds[i]);
    }
    double inBucket = cumulative[i] - below;
    double value = inBucket <= 0 ? bounds[i] : from + (bounds[i] - from) * (rank - below) / inBucket;
    return new Quantile(value, from, bounds[i]);
  }
}
