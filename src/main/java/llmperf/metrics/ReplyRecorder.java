package llmperf.metrics;

import java.util.Arrays;

/**
 * Follows one streamed reply event by event as it arrives and, once it is over, gives its {@link ReplyMetrics}.
 * Times are epoch nanoseconds of {@link llmperf.clock.MonotonicClock}. Each event is read once, by its format. Every
 * token counts in TTFT, the gaps and ITL, whatever its kind; the answer's first token and a tool call's last piece are
 * kept apart.
 */
public final class ReplyRecorder {

  private final StreamFormat format;
  private final long sentAt;
  private long first = -1;
  private long last = -1;
  private long firstAnswer = -1;
  private long lastToolCall = -1;
  private long gapStart = -1;
  private long longestGap;
  private long[] gaps = new long[64];
  private int gapCount;
  private int tokenEvents;
  private int reasoningEvents;
  private int usage = -1;
  private int usageReasoning = -1;
  private String failure;
  private long endedAt = -1;
  private ServerTimings timings;

  /** @param sentAt t0 of the reply */
  public ReplyRecorder(StreamFormat format, long sentAt) {
    this.format = format;
    this.sentAt = sentAt;
  }

  /**
   * One event: its arrival, its SSE event name ("" for a WebSocket frame or an unnamed event) and data.
   *
   * @return whether the reply is over: its terminal event or an error event came
   */
  public boolean event(long at, String name, String data) {
    if (isOver()) {
      return true;
    }
    StreamFormat.Reading reading = format.read(name, data);
    timings = reading.timings() != null ? reading.timings() : timings;
    switch (reading.kind()) {
      case TOKEN -> {
        token(at, reading.token());
        usage(reading);
      }
      case USAGE -> usage(reading);
      case TERMINAL -> {
        usage(reading);
        endedAt = at;
      }
      case ERROR -> {
        failure = reading.failure();
        endedAt = at;
      }
      case OTHER -> { }
    }
    return isOver();
  }

  private void usage(StreamFormat.Reading reading) {
    if (reading.usageTokens() >= 0) {
      usage = reading.usageTokens();
      usageReasoning = reading.reasoningTokens();
    }
  }

  /** Whether the terminal event or an error event has come. */
  public boolean isOver() {
    return endedAt >= 0;
  }

  /** Events that carried a token of any kind so far. */
  public int tokenEvents() {
    return tokenEvents;
  }

  private void token(long at, TokenKind kind) {
    if (last >= 0) {
      long gap = at - last;
      if (gapCount == gaps.length) {
        gaps = Arrays.copyOf(gaps, gaps.length * 2);
      }
      gaps[gapCount++] = gap;
      if (gap > longestGap) {
        longestGap = gap;
        gapStart = last;
      }
    }
    if (first < 0) {
      first = at;
    }
    if (kind == TokenKind.REASONING) {
      reasoningEvents++;
    } else if (firstAnswer < 0) {
      firstAnswer = at;
    }
    if (kind == TokenKind.TOOL_CALL) {
      lastToolCall = at;
    }
    last = at;
    tokenEvents++;
  }

  /**
   * The reply's figures. A reply whose terminal event came is judged on its tokens; one that did not end gets
   * {@code cutShort}, the reason the transport gives (dropped, stalled, truncated ...), at {@code at}.
   */
  public ReplyMetrics finish(long at, String cutShort) {
    long end = isOver() ? endedAt : at;
    String outcome = failure;
    if (outcome == null && !isOver()) {
      outcome = cutShort;
    } else if (outcome == null && tokenEvents == 0) {
      outcome = ErrorClass.EMPTY_REPLY.message("no token of any kind before the terminal event");
    } else if (outcome == null && usage >= 0 && tokenEvents > usage) {
      outcome = ErrorClass.INVALID_BODY.message(tokenEvents + " token events but usage reports " + usage
          + " output tokens");
    }
    int reasoningTokens = usage >= 0 && usageReasoning >= 0 ? usageReasoning : reasoningEvents;
    return new ReplyMetrics(sentAt, first, last, end, tokenEvents, usage, gapStart, longestGap,
        Arrays.copyOf(gaps, gapCount), outcome, new ReplyMetrics.Kinds(firstAnswer, lastToolCall, reasoningTokens,
            usage >= 0 && usageReasoning >= 0), timings);
  }

  /**
   * The same, for a client that may have lost events (Gatling's WebSocket frame buffer filled up): such a reply is
   * failed as the client's limit, whatever its events say.
   */
  public ReplyMetrics finish(long at, String cutShort, boolean clientBufferFull) {
    if (!clientBufferFull) {
      return finish(at, cutShort);
    }
    String clientLimit = ErrorClass.CLIENT_BUFFER.message("frames may have been lost (raise the buffer margin of"
        + " max_tokens)");
    ReplyMetrics reply = finish(at, clientLimit);
    return reply.ok() ? reply.failedWith(clientLimit) : reply;
  }
}
