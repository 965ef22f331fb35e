package llmperf.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamTallyTest {

  private static ReplyMetrics reply(int tokens, List<Long> gaps) {
    return new ReplyMetrics(0, 10, 20, 30, tokens, tokens, 10, 10, gaps, null);
  }

  @Test
  void addsUpTokensAndGivesNearestRankPercentilesOfEveryGap() {
    StreamTally tally = new StreamTally();
    List<Long> oneToHundred = new ArrayList<>();
    for (long ms = 1; ms <= 100; ms++) {
      oneToHundred.add(ms);
    }
    tally.add(reply(60, oneToHundred.subList(0, 50)));
    tally.add(reply(40, oneToHundred.subList(50, 100)));
    assertEquals(100, tally.outputTokens());
    assertEquals(100, tally.gaps());
    assertEquals(50, tally.gapPercentileMs(50));
    assertEquals(95, tally.gapPercentileMs(95));
    assertEquals(100, tally.gapPercentileMs(100));
    assertEquals(100, tally.maxGapMs());
  }

  @Test
  void aStallLongerThanTheHistogramKeepsItsExactLengthAsTheMaximum() {
    StreamTally tally = new StreamTally();
    tally.add(reply(3, List.of(10L, 25_000L)));
    assertEquals(25_000, tally.maxGapMs());
    assertEquals(25_000, tally.gapPercentileMs(99));
    assertEquals(10, tally.gapPercentileMs(50));
  }

  @Test
  void noGapsGiveZero() {
    assertEquals(0, new StreamTally().gapPercentileMs(95));
  }
}
