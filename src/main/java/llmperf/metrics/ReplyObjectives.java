package llmperf.metrics;

/**
 * What one reply must meet to count as goodput, as vLLM defines it: its own TTFT, ITL (time per output token) and
 * end-to-end each under the journey's p95 budget for that row. An objective without a budget holds every reply.
 */
public record ReplyObjectives(double ttftMs, double itlMs, double endToEndMs) {

  public static final ReplyObjectives NONE =
      new ReplyObjectives(Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY);

  /** Whether the reply was OK and met all three, each held to its own figures. */
  public boolean metBy(ReplyMetrics reply) {
    return reply.ok() && reply.hasTokens()
        && (reply.firstTokenAt() - reply.sentAt()) / 1e6 < ttftMs
        && reply.itlNanos() / 1e6 < itlMs
        && (reply.endAt() - reply.sentAt()) / 1e6 < endToEndMs;
  }
}
