package llmperf.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts microsecond values with bounded memory: exact up to 1023 µs, then in buckets 1/512 of their value wide
 * (0.2 %: 20 µs at 10 ms, 2 ms at 1 s), so a run of any length keeps its distribution in about 220 KiB. The
 * maximum is kept exact. Any other whole quantity counts the same way (a conversation's prompt tokens). Not
 * thread-safe: callers synchronise.
 */
final class MicrosHistogram {

  private static final int EXACT = 1024;
  private static final int PER_DOUBLING = 512;
  private static final int DOUBLINGS = 64 - 10;

  private final long[] counts = new long[EXACT + DOUBLINGS * PER_DOUBLING];
  private long count;
  private long max;

  void add(long micros) {
    long value = Math.max(0, micros);
    counts[index(value)]++;
    count++;
    max = Math.max(max, value);
  }

  long count() {
    return count;
  }

  HistogramCounts counts() {
    Map<Integer, Long> buckets = new TreeMap<>();
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] > 0) {
        buckets.put(i, counts[i]);
      }
    }
    return new HistogramCounts(max, buckets);
  }

  /** Adds counts of a saved histogram, or of another load generator's. */
  void add(HistogramCounts other) {
    other.buckets().forEach((index, n) -> {
      counts[index] += n;
      count += n;
    });
    max = Math.max(max, other.max());
  }

  long max() {
    return max;
  }

  /** The nearest-rank percentile (0 to 100), in µs: the middle of its bucket, never above the maximum; 0 when empty. */
  double percentile(double percent) {
    long rank = Math.max(1, (long) Math.ceil(percent / 100 * count));
    long seen = 0;
    for (int i = 0; i < counts.length && count > 0; i++) {
      seen += counts[i];
      if (seen >= rank) {
        return Math.min(max, middle(i));
      }
    }
    return 0;
  }

  /** Each non-empty bucket as {value, count}, ascending: the value exact below 1024 µs, else its bucket's middle. */
  long[][] counted() {
    List<long[]> pairs = new ArrayList<>();
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] > 0) {
        pairs.add(new long[] {Math.min(max, Math.round(middle(i))), counts[i]});
      }
    }
    return pairs.toArray(new long[0][]);
  }

  private static int index(long value) {
    if (value < EXACT) {
      return (int) value;
    }
    int exponent = 63 - Long.numberOfLeadingZeros(value);
    int shift = exponent - 9;
    return EXACT + (exponent - 10) * PER_DOUBLING + (int) (value >>> shift) - PER_DOUBLING;
  }

  private static double middle(int index) {
    if (index < EXACT) {
      return index;
    }
    int exponent = 10 + (index - EXACT) / PER_DOUBLING;
    int shift = exponent - 9;
    long low = (long) ((index - EXACT) % PER_DOUBLING + PER_DOUBLING) << shift;
    return low + ((1L << shift) - 1) / 2.0;
  }
}
