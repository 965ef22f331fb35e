package llmperf.signoff.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gatling.charts.stats.GeneralStats;
import io.gatling.charts.stats.buffers.GeneralStatsBuffer;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DurationsTest {

  private static final double[] RANKS = {0, 25, 50, 75, 90, 95, 99, 99.9, 100};
  /** Up to this many values Gatling's t-digest keeps each apart, and its report is exact. */
  private static final int REPORT_EXACT_UP_TO = 40;

  private static Durations of(long... values) {
    Durations durations = new Durations();
    Arrays.stream(values).forEach(durations::add);
    return durations;
  }

  private static long[] percentiles(Durations durations, double... ranks) {
    return Arrays.stream(ranks).mapToLong(durations::percentile).toArray();
  }

  @Test
  void takesTheValueAtRankFloorOfPTimesN() {
    assertArrayEquals(new long[] {10, 10, 20, 30, 40, 40}, percentiles(of(40, 10, 30, 20), 0, 10, 25, 50, 75, 100));
  }

  /** Gatling's own report buffer (gatling-charts 3.15.1 internals) against these, for every size it is exact for. */
  @Test
  void equalGatlingsReportBufferWhereverItIsExact() {
    Random random = new Random(7);
    for (int trial = 0; trial < 2_000; trial++) {
      long[] values = new long[1 + random.nextInt(REPORT_EXACT_UP_TO)];
      GeneralStatsBuffer gatling = new GeneralStatsBuffer(1);
      for (int i = 0; i < values.length; i++) {
        // lognormal around 55 ms: many equal values, as whole-millisecond response times have
        values[i] = (long) Math.exp(4 + random.nextGaussian() * 0.4);
        gatling.update((int) values[i]);
      }
      GeneralStats stats = gatling.stats().get();
      long[] expected = new long[RANKS.length];
      for (int i = 0; i < RANKS.length; i++) {
        expected[i] = RANKS[i] == 0 ? stats.min() : RANKS[i] == 100 ? stats.max()
            : (Integer) stats.percentile().apply(RANKS[i]);
      }
      assertArrayEquals(expected, percentiles(of(values), RANKS), () -> "values " + Arrays.toString(values));
    }
  }

  /** Past 40 values the figures stay exact order statistics, whatever the order the values came in. */
  @Test
  void areTheSortedValuesRankForAnyCount() {
    Random random = new Random(11);
    for (int trial = 0; trial < 200; trial++) {
      long[] values = random.longs(1 + random.nextInt(5_000), 0, 3_000).toArray();
      Durations durations = of(values);
      long[] sorted = values.clone();
      Arrays.sort(sorted);
      for (double rank : RANKS) {
        int at = (int) Math.min(sorted.length - 1, Math.floor(rank / 100.0 * sorted.length));
        assertEquals(sorted[at], durations.percentile(rank), () -> rank + " of " + values.length + " values");
      }
      assertEquals(Math.round(Arrays.stream(values).average().orElseThrow()), durations.mean());
    }
  }

  @Test
  void mergesMapsAndFiltersWithTheirCounts() {
    Durations merged = of(5, 5, 7);
    merged.addAll(of(5, 9));
    assertEquals(5, merged.count());
    assertEquals(5, merged.percentile(50));
    Durations doubled = merged.filter(ms -> ms > 5).map(ms -> 2 * ms);
    assertArrayEquals(new long[] {14, 18}, percentiles(doubled, 0, 100));
    assertEquals(2, doubled.count());
  }

  @Test
  void refusesWhatNoRowHas() {
    assertThrows(IllegalStateException.class, () -> new Durations().percentile(50));
    assertThrows(IllegalArgumentException.class, () -> of(1).percentile(101));
    assertThrows(IllegalArgumentException.class, () -> of(1).percentile(Double.NaN));
  }
}
