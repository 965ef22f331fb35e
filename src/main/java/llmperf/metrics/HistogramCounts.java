package llmperf.metrics;

import java.util.Map;

/**
 * What a saved run plan keeps of a {@link MicrosHistogram}: its non-empty buckets by index, and its exact maximum.
 * Adding these of several load generators gives the histogram of their replies together.
 */
public record HistogramCounts(long max, Map<Integer, Long> buckets) {

  public HistogramCounts {
    buckets = Map.copyOf(buckets);
  }
}
