package llmperf.metrics;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the OK replies of one group add up to over a run, for the figures simulation.log cannot carry: their
 * output tokens (the system's tokens/s), every gap between consecutive content events (the distribution of
 * inter-chunk latency; the report's {@code inter-chunk} row holds each reply's longest gap only) and each reply's
 * ITL, all to the microsecond (the report's rows are whole milliseconds).
 */
public final class StreamTally {

  private final LongAdder outputTokens = new LongAdder();
  private final LongAdder reasoningTokens = new LongAdder();
  private final LongAdder replies = new LongAdder();
  private final LongAdder repliesWithUsage = new LongAdder();
  private final LongAdder goodReplies = new LongAdder();
  private final MicrosHistogram gaps = new MicrosHistogram();
  private final MicrosHistogram itl = new MicrosHistogram();
  private final TimingsTally timings = new TimingsTally();
  private final TokenAskTally asked = new TokenAskTally();

  /** @param good whether the reply met its journey's objectives ({@link ReplyObjectives}) */
  public void add(ReplyMetrics reply, boolean good) {
    outputTokens.add(reply.outputTokens());
    reasoningTokens.add(reply.kinds().reasoningTokens());
    replies.increment();
    if (good) {
      goodReplies.increment();
    }
    if (reply.tokensFromUsage()) {
      repliesWithUsage.increment();
    }
    addTimes(reply);
    timings.add(reply);
  }

  /** What a saved run plan keeps of the tally: every count, and the gaps and ITLs as histogram counts. */
  public record State(long outputTokens, long reasoningTokens, long replies, long repliesWithUsage, long goodReplies,
      HistogramCounts gaps, HistogramCounts itl, TimingsTally.State timings, TokenAskTally.State asked) {}

  @JsonValue
  public synchronized State state() {
    return new State(outputTokens.sum(), reasoningTokens.sum(), replies.sum(), repliesWithUsage.sum(),
        goodReplies.sum(), gaps.counts(), itl.counts(), timings.state(), asked.state());
  }

  @JsonCreator
  public static StreamTally of(State state) {
    StreamTally tally = new StreamTally();
    tally.add(state);
    return tally;
  }

  /** Adds a saved tally, or another load generator's replies of the same group. */
  public synchronized void add(State other) {
    outputTokens.add(other.outputTokens());
    reasoningTokens.add(other.reasoningTokens());
    replies.add(other.replies());
    repliesWithUsage.add(other.repliesWithUsage());
    goodReplies.add(other.goodReplies());
    gaps.add(other.gaps());
    itl.add(other.itl());
    timings.add(other.timings());
    asked.add(other.asked());
  }

  /** The tokens the replies of synthetic prompts asked for, against the server's usage. */
  public TokenAskTally asked() {
    return asked;
  }

  /** The replies held against the timings the server sent with them (llama.cpp). */
  public TimingsTally timings() {
    return timings;
  }

  private synchronized void addTimes(ReplyMetrics reply) {
    for (long gap : reply.gaps()) {
      gaps.add(gap / 1000);
    }
    if (reply.outputTokens() > 1 && reply.hasTokens()) {
      itl.add(Math.round(reply.itlNanos() / 1000));
    }
  }

  public long outputTokens() {
    return outputTokens.sum();
  }

  /** The reasoning tokens among {@link #outputTokens}. */
  public long reasoningTokens() {
    return reasoningTokens.sum();
  }

  /** OK replies tallied, and how many of them reported their tokens in usage (the others were counted). */
  public long replies() {
    return replies.sum();
  }

  /** OK replies that met their journey's TTFT, ITL and end-to-end objectives, each reply held to its own figures. */
  public long goodReplies() {
    return goodReplies.sum();
  }

  public long repliesWithUsage() {
    return repliesWithUsage.sum();
  }

  public synchronized long gaps() {
    return gaps.count();
  }

  public synchronized double maxGapMs() {
    return gaps.max() / 1000.0;
  }

  /** The nearest-rank percentile of the gaps, in ms to the microsecond; 0 when there were none. */
  public synchronized double gapPercentileMs(double percent) {
    return gaps.percentile(percent) / 1000.0;
  }

  /** The median reply's output tokens per second of decoding (1 / its ITL); 0 when no reply had two tokens. */
  public synchronized double medianTokensPerSecond() {
    double medianItlMicros = itl.percentile(50);
    return itl.count() == 0 || medianItlMicros == 0 ? 0 : 1e6 / medianItlMicros;
  }
}
