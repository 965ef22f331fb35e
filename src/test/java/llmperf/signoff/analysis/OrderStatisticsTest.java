package llmperf.signoff.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The ranks that bound a percentile, against binomial tails worked out by hand. */
class OrderStatisticsTest {

  /**
   * 20 samples, the median, 1.25 % a side: P(B <= 4) = 0.0059 and P(B <= 5) = 0.0207 for B ~ Binomial(20, 1/2), so
   * the 5th smallest (rank 4) bounds it from below and, by symmetry, the 16th (rank 15) from above.
   */
  @Test
  void theMedianOfTwentyIsBoundedByTheFifthAndTheSixteenth() {
    assertArrayEquals(new long[] {4, 15}, OrderStatistics.ranks(20, 0.5, 0.0125));
  }

  /** 0.95^86 = 1.2 % < 1.25 % < 0.95^85 = 1.28 %: the p95 needs 86 samples for the largest to bound it. */
  @Test
  void theP95NeedsEightySixSamples() {
    assertEquals(86, OrderStatistics.minSamples(0.95, 0.0125));
    assertNull(OrderStatistics.ranks(85, 0.95, 0.0125));
    assertEquals(85, OrderStatistics.ranks(86, 0.95, 0.0125)[1], "the largest of 86");
    assertEquals(7, OrderStatistics.minSamples(0.5, 0.0125));
  }

  /** A million samples: the bounds sit about 2.24 standard deviations (218) either side of rank 950,000, quickly. */
  @Test
  void aLargeCountIsBoundedNarrowlyAndFast() {
    long started = System.nanoTime();
    long[] ranks = OrderStatistics.ranks(1_000_000, 0.95, 0.0125);
    assertTrue(System.nanoTime() - started < 500_000_000L, "well under a second");
    assertEquals(950_000 - 488, ranks[0], 3);
    assertEquals(950_000 + 488, ranks[1], 3);
  }
}
