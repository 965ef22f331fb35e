package llmperf.metrics;

/**
 * The streaming figures of one reply (SPEC section 7). Times are epoch nanoseconds of
 * {@link llmperf.clock.MonotonicClock}, durations nanoseconds: rows round them to Gatling's milliseconds, the
 * sign-off keeps them to the microsecond.
 *
 * @param sentAt t0: the request left for the target
 * @param firstContentAt arrival of the first event carrying content, or -1 when none came
 * @param lastContentAt arrival of the last content event, or -1
 * @param endAt arrival of the terminal event, or when the reply was cut short
 * @param contentEvents number of events that carried content
 * @param usageTokens output tokens reported by the stream's usage, or -1 when it reported none
 * @param longestGapStart start of the reply's longest gap between consecutive content events, or -1
 * @param longestGap that gap's length (0 with fewer than two content events)
 * @param gaps every gap between consecutive content events, in arrival order
 * @param failure why the reply is not a good one, starting with its {@link ErrorClass} label; null when it is
 * @param serverTimings the server's own timings of the reply, the last the stream sent (llama.cpp); null when none
 */
public record ReplyMetrics(
    long sentAt,
    long firstContentAt,
    long lastContentAt,
    long endAt,
    int contentEvents,
    int usageTokens,
    long longestGapStart,
    long longestGap,
    long[] gaps,
    String failure,
    ServerTimings serverTimings) {

  /** A reply whose stream carried no timings of the server's. */
  public ReplyMetrics(long sentAt, long firstContentAt, long lastContentAt, long endAt, int contentEvents,
      int usageTokens, long longestGapStart, long longestGap, long[] gaps, String failure) {
    this(sentAt, firstContentAt, lastContentAt, endAt, contentEvents, usageTokens, longestGapStart, longestGap, gaps,
        failure, null);
  }

  public boolean ok() {
    return failure == null;
  }

  public boolean hasContent() {
    return firstContentAt >= 0;
  }

  /** Output tokens: from usage when the stream reported it, else one per content event. */
  public int outputTokens() {
    return usageTokens >= 0 ? usageTokens : contentEvents;
  }

  /** Whether the token count came from the stream's usage, not from counting content events. */
  public boolean tokensFromUsage() {
    return usageTokens >= 0;
  }

  /** Inter-token latency in nanoseconds: (t_last - t_first) / (N - 1), 0 when there is at most one token. */
  public double itlNanos() {
    int tokens = outputTokens();
    return tokens < 2 || !hasContent() ? 0 : (double) (lastContentAt - firstContentAt) / (tokens - 1);
  }

  /** The same reply, failed for {@code reason}: the client, not the reply, fell short (its buffer filled up). */
  ReplyMetrics failedWith(String reason) {
    return new ReplyMetrics(sentAt, firstContentAt, lastContentAt, endAt, contentEvents, usageTokens,
        longestGapStart, longestGap, gaps, reason, serverTimings);
  }
}
