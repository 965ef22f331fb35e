package llmperf.metrics;

import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the OK replies of one group add up to over a run, for the figures simulation.log cannot carry: their
 * output tokens (the system's tokens/s) and every gap between consecutive content events (the distribution of
 * inter-chunk latency; the report's {@code inter-chunk} row holds each reply's longest gap only).
 */
public final class StreamTally {

  /** Gaps are counted per whole millisecond up to this; longer ones share the last bucket (max stays exact). */
  static final int HISTOGRAM_MS = 10_000;

  private final LongAdder outputTokens = new LongAdder();
  private final long[] gapCounts = new long[HISTOGRAM_MS + 1];
  private long gaps;
  private long maxGapMs;

  void add(ReplyMetrics reply) {
    outputTokens.add(reply.outputTokens());
    addGaps(reply.gapsMs());
  }

  private synchronized void addGaps(List<Long> gapsMs) {
    for (long gap : gapsMs) {
      gapCounts[(int) Math.min(Math.max(gap, 0), HISTOGRAM_MS)]++;
      maxGapMs = Math.max(maxGapMs, gap);
      gaps++;
    }
  }

  public long outputTokens() {
    return outputTokens.sum();
  }

  public synchronized long gaps() {
    return gaps;
  }

  public synchronized long maxGapMs() {
    return maxGapMs;
  }

  /** The nearest-rank percentile of the gaps, in ms; 0 when there were none. */
  public synchronized long gapPercentileMs(double percent) {
    long rank = (long) Math.ceil(percent / 100 * gaps);
    long seen = 0;
    for (int ms = 0; ms < gapCounts.length && gaps > 0; ms++) {
      seen += gapCounts[ms];
      if (seen >= Math.max(1, rank)) {
        return ms == HISTOGRAM_MS ? maxGapMs : ms;
      }
    }
    return 0;
  }
}
