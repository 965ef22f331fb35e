package llmperf.server;

import llmperf.clock.MonotonicClock;

/**
 * What the server did with one generation whose request carried an {@code x-request-id}, on the clock the suite
 * measures with ({@link MonotonicClock}): the truth each of the suite's figures can be held against. Written on the
 * connection's event loop and read by another thread once the reply is over, hence volatile.
 */
final class ReplyTrace {

  /** The outcome of a generation not over yet. */
  static final String PENDING = "pending";

  private final String requestId;
  private final long receivedAt;
  private volatile long admittedAt = -1;
  private volatile long startedAt = -1;
  private volatile long prefillNanos = -1;
  private volatile int cachedTokens;
  private volatile long headAt = -1;
  private volatile long firstContentAt = -1;
  private volatile long firstReasoningAt = -1;
  private volatile long firstAnswerAt = -1;
  private volatile long lastContentAt = -1;
  private volatile long endAt = -1;
  private volatile String outcome = PENDING;

  ReplyTrace(String requestId, long receivedAt) {
    this.requestId = requestId;
    this.receivedAt = receivedAt;
  }

  void admitted() {
    admittedAt = MonotonicClock.epochNanos();
  }

  /** A slot took the generation: its queue wait is over and its prefill (of the uncached tokens) starts. */
  void started(long plannedPrefillNanos, int prefixCachedTokens) {
    startedAt = MonotonicClock.epochNanos();
    prefillNanos = plannedPrefillNanos;
    cachedTokens = prefixCachedTokens;
  }

  void headWritten() {
    headAt = MonotonicClock.epochNanos();
  }

  /** A token's event is about to be written: a reasoning token, or the answer's (content or tool-call piece). */
  void tokenWritten(boolean reasoning) {
    long now = MonotonicClock.epochNanos();
    if (firstContentAt < 0) {
      firstContentAt = now;
    }
    if (reasoning && firstReasoningAt < 0) {
      firstReasoningAt = now;
    }
    if (!reasoning && firstAnswerAt < 0) {
      firstAnswerAt = now;
    }
    lastContentAt = now;
  }

  /** How the generation ended: done (terminal event written), truncated, dropped, failed. */
  void ended(String how) {
    endAt = MonotonicClock.epochNanos();
    outcome = how;
  }

  EmbeddedTarget.ServerRecord record() {
    long queueWait = admittedAt >= 0 && startedAt >= 0 ? startedAt - admittedAt : -1;
    return new EmbeddedTarget.ServerRecord(requestId, receivedAt, queueWait, prefillNanos, headAt, firstContentAt,
        firstReasoningAt, firstAnswerAt, lastContentAt, endAt, outcome, cachedTokens);
  }
}
