package llmperf.signoff.analysis;

import java.util.Arrays;
import java.util.function.LongPredicate;
import java.util.function.LongUnaryOperator;

/**
 * Exact counts of whole-millisecond values (response times, group times): memory grows with the number of distinct
 * values, a few thousand at most for a row, never with the number of requests, so a two-hour run costs what a
 * minute does.
 *
 * <p>A percentile p of n values is the value at 0-based rank {@code floor(p / 100 * n)} (the largest for p = 100).
 * That is the rule of Gatling 3.15.1's report whenever its t-digest keeps every value apart, which it does up to
 * 40 values (DurationsTest pins both against Gatling's own report buffer); past that the report's figures are
 * t-digest estimates that vary between two renderings of one log, and these stay the exact order statistics.
 */
public final class Durations {

  private static final int EMPTY = Integer.MIN_VALUE;

  private int[] values = emptyTable(16);
  private long[] counts = new long[16];
  private int distinct;
  private long count;
  private long sum;
  /** The distinct values in ascending order with their cumulative counts, rebuilt after an add. */
  private int[] sorted;
  private long[] cumulative;

  public void add(long valueMs) {
    add(Math.toIntExact(valueMs), 1);
  }

  /** {@code times} values of {@code valueMs}: a stored histogram read back. */
  public void add(long valueMs, long times) {
    if (times <= 0) {
      throw new IllegalArgumentException("count " + times + " of value " + valueMs + " is not positive");
    }
    add(Math.toIntExact(valueMs), times);
  }

  public void addAll(Durations other) {
    for (int i = 0; i < other.values.length; i++) {
      if (other.values[i] != EMPTY) {
        add(other.values[i], other.counts[i]);
      }
    }
  }

  public long count() {
    return count;
  }

  public boolean isEmpty() {
    return count == 0;
  }

  public long min() {
    return percentile(0);
  }

  public long max() {
    return percentile(100);
  }

  public long mean() {
    requireValues();
    return Math.round((double) sum / count);
  }

  /** A percentile from 0 to 100, by the rule in the class comment. */
  public long percentile(double percent) {
    if (!(percent >= 0 && percent <= 100)) {
      throw new IllegalArgumentException("percentile " + percent + " is not between 0 and 100");
    }
    requireValues();
    return atRank(Math.min(count - 1, (long) Math.floor(percent / 100.0 * count)));
  }

  /** The value at a 0-based rank of the sorted values (an order statistic). */
  public long atRank(long rank) {
    if (rank < 0 || rank >= count) {
      throw new IllegalArgumentException("rank " + rank + " is not between 0 and " + (count - 1));
    }
    sort();
    int at = Arrays.binarySearch(cumulative, rank + 1);
    return sorted[at >= 0 ? at : -at - 1];
  }

  /** The distinct values in ascending order, each with its count: {value, count} pairs. */
  public long[][] counted() {
    sort();
    long[][] pairs = new long[sorted.length][];
    for (int i = 0; i < sorted.length; i++) {
      pairs[i] = new long[] {sorted[i], cumulative[i] - (i == 0 ? 0 : cumulative[i - 1])};
    }
    return pairs;
  }

  /** A named statistic of a budget or a row: p50 ... p99 (any pNN.N), min, max or mean. */
  public long statistic(String name) {
    return switch (name) {
      case "max" -> max();
      case "min" -> min();
      case "mean" -> mean();
      default -> percentile(Double.parseDouble(name.substring(1)));
    };
  }

  /** Each value replaced by {@code f} of it, with its count: a rate per row from the rows' durations. */
  public Durations map(LongUnaryOperator f) {
    Durations mapped = new Durations();
    for (int i = 0; i < values.length; i++) {
      if (values[i] != EMPTY) {
        mapped.add(Math.toIntExact(f.applyAsLong(values[i])), counts[i]);
      }
    }
    return mapped;
  }

  /** The values for which {@code keep} holds, with their counts. */
  public Durations filter(LongPredicate keep) {
    Durations kept = new Durations();
    for (int i = 0; i < values.length; i++) {
      if (values[i] != EMPTY && keep.test(values[i])) {
        kept.add(values[i], counts[i]);
      }
    }
    return kept;
  }

  private void add(int value, long times) {
    if (value == EMPTY) {
      throw new IllegalArgumentException("value " + value + " out of range");
    }
    if (2 * (distinct + 1) > values.length) {
      grow();
    }
    int slot = slotOf(values, value);
    if (values[slot] == EMPTY) {
      values[slot] = value;
      distinct++;
    }
    counts[slot] += times;
    count += times;
    sum += (long) value * times;
    sorted = null;
  }

  private void grow() {
    int[] oldValues = values;
    long[] oldCounts = counts;
    values = emptyTable(oldValues.length * 2);
    counts = new long[values.length];
    for (int i = 0; i < oldValues.length; i++) {
      if (oldValues[i] != EMPTY) {
        int slot = slotOf(values, oldValues[i]);
        values[slot] = oldValues[i];
        counts[slot] = oldCounts[i];
      }
    }
  }

  /** Open addressing with linear probing; the table is at most half full. */
  private static int slotOf(int[] table, int value) {
    int mask = table.length - 1;
    int slot = (value * 0x9E3779B9 >>> 7) & mask;
    while (table[slot] != EMPTY && table[slot] != value) {
      slot = (slot + 1) & mask;
    }
    return slot;
  }

  private void sort() {
    if (sorted != null) {
      return;
    }
    int[] keys = new int[distinct];
    int n = 0;
    for (int value : values) {
      if (value != EMPTY) {
        keys[n++] = value;
      }
    }
    Arrays.sort(keys);
    long[] running = new long[distinct];
    long seen = 0;
    for (int i = 0; i < keys.length; i++) {
      seen += counts[slotOf(values, keys[i])];
      running[i] = seen;
    }
    sorted = keys;
    cumulative = running;
  }

  private void requireValues() {
    if (count == 0) {
      throw new IllegalStateException("no values: a statistic of an empty row does not exist");
    }
  }

  private static int[] emptyTable(int size) {
    int[] table = new int[size];
    Arrays.fill(table, EMPTY);
    return table;
  }
}
