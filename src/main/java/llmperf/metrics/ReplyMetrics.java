package llmperf.metrics;

/**
 * The streaming figures of one reply (SPEC section 7). Times are epoch nanoseconds of
 * {@link llmperf.clock.MonotonicClock}, durations nanoseconds: rows round them to Gatling's milliseconds, the
 * sign-off keeps them to the microsecond. A token is one of any {@link TokenKind}: reasoning, answer or tool call.
 *
 * @param sentAt t0: the request left for the target
 * @param firstTokenAt arrival of the first event carrying a token, or -1 when none came
 * @param lastTokenAt arrival of the last token event, or -1
 * @param endAt arrival of the terminal event, or when the reply was cut short
 * @param tokenEvents number of events that carried a token
 * @param usageTokens output tokens reported by the stream's usage (reasoning included), or -1 when it reported none
 * @param longestGapStart start of the reply's longest gap between consecutive token events, or -1
 * @param longestGap that gap's length (0 with fewer than two token events)
 * @param gaps every gap between consecutive token events, in arrival order
 * @param failure why the reply is not a good one, starting with its {@link ErrorClass} label; null when it is
 * @param kinds what the reply's tokens were
 * @param serverTimings the server's own timings of the reply, the last the stream sent (llama.cpp); null when none
 */
public record ReplyMetrics(
    long sentAt,
    long firstTokenAt,
    long lastTokenAt,
    long endAt,
    int tokenEvents,
    int usageTokens,
    long longestGapStart,
    long longestGap,
    long[] gaps,
    String failure,
    Kinds kinds,
    ServerTimings serverTimings) {

  /**
   * @param firstAnswerAt arrival of the first answer or tool-call token, -1 when none came
   * @param lastToolCallAt arrival of the last piece of a tool call, -1 when the reply called no tool
   * @param reasoningTokens reasoning tokens: from usage's details when the server sent them, else reasoning events
   * @param reasoningFromUsage whether {@code reasoningTokens} came from usage
   */
  public record Kinds(long firstAnswerAt, long lastToolCallAt, int reasoningTokens, boolean reasoningFromUsage) {

    /** A reply of answer tokens only, the first at {@code firstTokenAt}. */
    public static Kinds answerOnly(long firstTokenAt) {
      return new Kinds(firstTokenAt, -1, 0, false);
    }
  }

  public boolean ok() {
    return failure == null;
  }

  public boolean hasTokens() {
    return firstTokenAt >= 0;
  }

  /** Whether the reply reasoned before its answer: its answer TTFT differs from its TTFT. */
  public boolean reasoned() {
    return kinds.reasoningTokens() > 0;
  }

  /** Whether the reply called a tool. */
  public boolean calledATool() {
    return kinds.lastToolCallAt() >= 0;
  }

  /** Output tokens: from usage when the stream reported it, else one per token event. */
  public int outputTokens() {
    return usageTokens >= 0 ? usageTokens : tokenEvents;
  }

  /** Whether the token count came from the stream's usage, not from counting token events. */
  public boolean tokensFromUsage() {
    return usageTokens >= 0;
  }

  /** Inter-token latency in nanoseconds: (t_last - t_first) / (N - 1) over every token, 0 with at most one. */
  public double itlNanos() {
    int tokens = outputTokens();
    return tokens < 2 || !hasTokens() ? 0 : (double) (lastTokenAt - firstTokenAt) / (tokens - 1);
  }

  /** The same reply, failed for {@code reason}: the client, not the reply, fell short (its buffer filled up). */
  ReplyMetrics failedWith(String reason) {
    return new ReplyMetrics(sentAt, firstTokenAt, lastTokenAt, endAt, tokenEvents, usageTokens,
        longestGapStart, longestGap, gaps, reason, kinds, serverTimings);
  }
}
