package llmperf.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class StreamTallyTest {

  private static final long MS = 1_000_000L;

  /** A reply of {@code tokens} tokens (from usage) with these gaps, in ns, and 10 ms from first to last token. */
  private static ReplyMetrics reply(int tokens, long... gaps) {
    return new ReplyMetrics(0, 10 * MS, 20 * MS, 30 * MS, tokens, tokens, 10 * MS, 10 * MS, gaps, null,
        ReplyMetrics.Kinds.answerOnly(10 * MS), null);
  }

  @Test
  void addsUpTokensAndGivesNearestRankPercentilesOfEveryGap() {
    long[] first = new long[50];
    long[] second = new long[50];
    for (int ms = 1; ms <= 50; ms++) {
      first[ms - 1] = ms * MS;
      second[ms - 1] = (ms + 50) * MS;
    }
    StreamTally tally = new StreamTally();
    tally.add(reply(60, first), true);
    tally.add(reply(40, second), true);
    assertEquals(100, tally.outputTokens());
    assertEquals(100, tally.gaps());
    assertEquals(50, tally.gapPercentileMs(50), 50 * 0.002, "within the histogram's 0.2 %");
    assertEquals(95, tally.gapPercentileMs(95), 95 * 0.002);
    assertEquals(100, tally.gapPercentileMs(100), 1e-9, "never above the exact maximum");
    assertEquals(100, tally.maxGapMs(), 1e-9);
  }

  @Test
  void gapsAndTokenRatesKeepTheirMicroseconds() {
    StreamTally tally = new StreamTally();
    tally.add(reply(3, 10_250_000, 10_250_000), true);
    assertEquals(10.25, tally.gapPercentileMs(50), 0.025, "not rounded to 10 ms");
    assertEquals(200, tally.medianTokensPerSecond(), 0.5, "10 ms from first to last of 3 tokens: 5 ms ITL");
  }

  @Test
  void aLongStallKeepsItsExactLengthAsTheMaximum() {
    StreamTally tally = new StreamTally();
    tally.add(reply(3, 10 * MS, 25_000 * MS), true);
    assertEquals(25_000, tally.maxGapMs(), 1e-9);
    assertEquals(25_000, tally.gapPercentileMs(99), 25_000 * 0.002);
    assertEquals(10, tally.gapPercentileMs(50), 0.02);
  }

  @Test
  void countsWhichRepliesReportedUsage() {
    StreamTally tally = new StreamTally();
    tally.add(reply(3, 10 * MS), true);
    tally.add(new ReplyMetrics(0, 10 * MS, 20 * MS, 30 * MS, 4, -1, 10 * MS, 10 * MS, new long[] {10 * MS}, null,
        ReplyMetrics.Kinds.answerOnly(10 * MS), null), true);
    assertEquals(2, tally.replies());
    assertEquals(1, tally.repliesWithUsage());
    assertEquals(7, tally.outputTokens(), "3 from usage, 4 counted from content events");
  }

  @Test
  void noGapsGiveZero() {
    assertEquals(0, new StreamTally().gapPercentileMs(95));
  }
}
