package llmperf.gatling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gatling.charts.stats.GeneralStats;
import io.gatling.charts.stats.buffers.GeneralStatsBuffer;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PercentilesTest {

  @Test
  void areTDigestEstimatesNotTextbookOrderStatistics() {
    assertArrayEquals(new long[] {10, 10, 20, 30, 40, 40},
        Percentiles.of(new long[] {40, 10, 30, 20}, 0, 10, 25, 50, 75, 100));
  }

  /** Gatling's own report buffer (gatling-charts 3.15.1 internals) against ours, for every size it is certain for. */
  @Test
  void equalGatlingsReportBufferUpToTheDeterministicSize() {
    Random random = new Random(7);
    double[] ranks = {0, 25, 50, 75, 90, 95, 99, 99.9, 100};
    for (int trial = 0; trial < 2_000; trial++) {
      long[] values = new long[1 + random.nextInt(Percentiles.DETERMINISTIC_UP_TO)];
      GeneralStatsBuffer gatling = new GeneralStatsBuffer(1);
      for (int i = 0; i < values.length; i++) {
        // lognormal around 55 ms: many equal values, as whole-millisecond response times have
        values[i] = (long) Math.exp(4 + random.nextGaussian() * 0.4);
        gatling.update((int) values[i]);
      }
      GeneralStats stats = gatling.stats().get();
      long[] expected = new long[ranks.length];
      for (int i = 0; i < ranks.length; i++) {
        expected[i] = ranks[i] == 0 ? stats.min() : ranks[i] == 100 ? stats.max()
            : (Integer) stats.percentile().apply(ranks[i]);
      }
      assertArrayEquals(expected, Percentiles.of(values, ranks), () -> "values " + Arrays.toString(values));
    }
  }

  @Test
  void refusesWhatTheReportCannotShow() {
    assertThrows(IllegalArgumentException.class, () -> Percentiles.of(new long[0], 50));
    assertThrows(IllegalArgumentException.class, () -> Percentiles.of(new long[] {1}, 101));
    assertThrows(IllegalArgumentException.class, () -> Percentiles.of(new long[] {1}, Double.NaN));
  }
}
