package llmperf.metrics;

import java.util.ArrayList;
import java.util.List;

/**
 * The streaming figures of one reply, computed from event arrival times (SPEC section 7).
 *
 * @param sentAt t0, the moment the request was sent (epoch ms)
 * @param firstContentAt arrival of the first event carrying content, or -1 when none came
 * @param lastContentAt arrival of the last content event, or -1
 * @param endAt arrival of the terminal event, or when the wait for it ended
 * @param contentEvents number of events that carried content
 * @param usageTokens output tokens reported by the stream's usage, or -1 when it reported none
 * @param longestGapStart start of the reply's longest gap between consecutive content events, or -1
 * @param longestGapMs that gap's length (0 with fewer than two content events)
 * @param gapsMs every gap between consecutive content events, in arrival order
 * @param failure why the reply is not a good one, or null when it is
 */
public record ReplyMetrics(
    long sentAt,
    long firstContentAt,
    long lastContentAt,
    long endAt,
    int contentEvents,
    int usageTokens,
    long longestGapStart,
    long longestGapMs,
    List<Long> gapsMs,
    String failure) {

  /**
   * Reads a reply's events in arrival order.
   *
   * @param terminal the event that ended the wait (the terminal or error event a check matched), or null
   * @param endedAt when the wait ended: the terminal's arrival, or the moment the stream closed or timed out
   * @param bufferOverflowed whether the client's event buffer filled up, so that it may have dropped events
   */
  public static ReplyMetrics of(StreamFormat format, long sentAt, List<StreamEvent> events, String terminal,
      long endedAt, boolean bufferOverflowed) {
    List<StreamEvent> all = new ArrayList<>(events);
    if (terminal != null) {
      all.add(new StreamEvent(endedAt, terminal));
    }
    long first = -1;
    long last = -1;
    long gapStart = -1;
    long longestGap = 0;
    List<Long> gaps = new ArrayList<>();
    int contents = 0;
    int usage = -1;
    String failure = null;
    boolean ended = false;
    for (StreamEvent event : all) {
      StreamFormat.Reading reading = format.read(event.text());
      switch (reading.kind()) {
        case CONTENT -> {
          if (last >= 0) {
            gaps.add(event.timestamp() - last);
          }
          if (last >= 0 && event.timestamp() - last > longestGap) {
            longestGap = event.timestamp() - last;
            gapStart = last;
          }
          if (first < 0) {
            first = event.timestamp();
          }
          last = event.timestamp();
          contents++;
        }
        case USAGE -> usage = reading.usageTokens();
        case TERMINAL -> {
          usage = reading.usageTokens() >= 0 ? reading.usageTokens() : usage;
          ended = true;
        }
        case ERROR -> failure = "error event: " + reading.error();
        case OTHER -> { }
      }
      if (ended || failure != null) {
        break;
      }
    }
    if (failure == null && bufferOverflowed) {
      failure = "event buffer full: events may have been lost (raise max_tokens' buffer margin)";
    } else if (failure == null && !ended) {
      failure = "no terminal event: stream truncated after " + contents + " content events";
    } else if (failure == null && contents == 0) {
      failure = "empty stream: no content event before the terminal event";
    } else if (failure == null && usage >= 0 && contents > usage) {
      failure = contents + " content events but usage reports " + usage + " output tokens";
    }
    return new ReplyMetrics(sentAt, first, last, endedAt, contents, usage, gapStart, longestGap, List.copyOf(gaps),
        failure);
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

  /** Inter-token latency: (t_last - t_first) / (N - 1), 0 when there is at most one token. */
  public double itlMs() {
    int tokens = outputTokens();
    return tokens < 2 || !hasContent() ? 0 : (double) (lastContentAt - firstContentAt) / (tokens - 1);
  }
}
