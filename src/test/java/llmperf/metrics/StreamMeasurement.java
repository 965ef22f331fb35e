package llmperf.metrics;

import static io.gatling.javaapi.core.CoreDsl.bodyString;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.core.CoreDsl.regex;
import static io.gatling.javaapi.http.HttpDsl.sse;
import static io.gatling.javaapi.http.HttpDsl.ws;

import io.gatling.http.action.sse.SseInboundMessage;
import io.gatling.http.action.ws.WsInboundMessage;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.http.SseConnectActionBuilder;
import io.gatling.javaapi.http.WsSendTextActionBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import llmperf.gatling.ReportRows;

/**
 * Streams one reply and writes its TTFT, inter-chunk, ITL and end-to-end rows into the current group.
 *
 * <p>Every timing comes from the arrival timestamps Gatling stamps on buffered events; t0 is taken just before
 * the request is sent. Rows, per reply:
 * <ul>
 *   <li>{@code ttft}: t0 to the first event with non-empty content (a role-only chunk is not a token);</li>
 *   <li>{@code inter-chunk}: the reply's longest gap between consecutive content events (its worst stall);</li>
 *   <li>{@code itl}: (t_last - t_first) / (output tokens - 1), tokens from usage when the stream reports it;</li>
 *   <li>{@code end-to-end}: t0 to the terminal event ([DONE], done frame).</li>
 * </ul>
 * A reply with an error event, no terminal event, no content or lost events writes all four rows as KO with the
 * reason, so every reply weighs the same in error rates whether it failed or not.
 */
public final class StreamMeasurement {

  static final String SENT_AT = "llmperf.sentAt";
  static final String TERMINAL = "llmperf.terminal";
  static final String EVENTS = "llmperf.events";
  static final String ENDED_AT = "llmperf.endedAt";
  static final String OVERFLOWED = "llmperf.overflowed";
  static final String LAST_FRAME_AT = "llmperf.lastFrameAt";
  public static final String REPLY = "llmperf.reply";

  /** Matches the event that ends a reply in any of the formats: a terminal event or an error event. */
  private static final String END_OF_REPLY = "\\[DONE\\]|\"event\":\"(done|error)\"|\"error\":";
  private static final Duration WEBSOCKET_POLL = Duration.ofMillis(20);

  private final Duration timeout;
  private final Duration idleTimeout;
  private final int bufferCapacity;
  private final Map<String, StreamTally> tallies = new ConcurrentHashMap<>();

  /**
   * @param timeout longest wait for a reply's terminal event
   * @param idleTimeout longest silence within a WebSocket reply: Gatling shows no close to a waiting user, so a
   *     socket closed mid-reply is recognised by its silence
   * @param bufferCapacity the unmatched-event buffer size set on the protocol (see {@link #bufferFor(int)})
   */
  public StreamMeasurement(Duration timeout, Duration idleTimeout, int bufferCapacity) {
    this.timeout = timeout;
    this.idleTimeout = idleTimeout;
    this.bufferCapacity = bufferCapacity;
  }

  /** Buffer size for replies of up to {@code maxTokens} tokens: one event per token plus role, finish, usage, slack. */
  public static int bufferFor(int maxTokens) {
    return maxTokens + maxTokens / 4 + 16;
  }

  /**
   * An SSE reply. {@code connect} is the request (its name is the TTFB row, headers received); the stream stays
   * armed for its end, which writes a row named {@code endCheckName} from headers to the end.
   */
  public ChainBuilder sse(StreamFormat format, String sseName, SseConnectActionBuilder connect, String endCheckName) {
    return exec(session -> session.set(SENT_AT, System.currentTimeMillis()).remove(TERMINAL))
        .exec(connect.await(timeout).on(
            sse.checkMessage(endCheckName).matching(regex(END_OF_REPLY)).check(bodyString().saveAs(TERMINAL))))
        .exec(sse.processUnmatchedMessages(sseName, (messages, session) -> session.set(REPLY, ReplyMetrics.of(
            format, session.getLong(SENT_AT), sseEvents(messages), session.getString(TERMINAL),
            System.currentTimeMillis(), messages.size() >= bufferCapacity))))
        .exec(writeRows())
        .exec(io.gatling.javaapi.http.HttpDsl.sse("close " + sseName, sseName).close());
  }

  /**
   * A WebSocket reply on an open socket: sends {@code send}, then collects frames until the terminal or error
   * frame arrives (each poll hands over the frames buffered since the last one, with their arrival times).
   */
  public ChainBuilder webSocket(StreamFormat format, String wsName, WsSendTextActionBuilder send) {
    return exec(session -> session.set(SENT_AT, System.currentTimeMillis()).set(LAST_FRAME_AT, System.currentTimeMillis())
            .set(EVENTS, List.of()).set(OVERFLOWED, false).remove(ENDED_AT).markAsSucceeded())
        .exec(send)
        // A send on a socket the server closed fails at once: nothing will come back, so do not wait.
        .exec(session -> session.isFailed() ? session.set(ENDED_AT, System.currentTimeMillis()) : session)
        .asLongAs(session -> !session.contains(ENDED_AT)
            && System.currentTimeMillis() < session.getLong(SENT_AT) + timeout.toMillis()
            && System.currentTimeMillis() < session.getLong(LAST_FRAME_AT) + idleTimeout.toMillis())
        .on(pause(WEBSOCKET_POLL).exec(ws.processUnmatchedMessages(wsName, (messages, session) ->
            collectFrames(format, messages, session))))
        .exec(session -> session.set(REPLY, ReplyMetrics.of(format, session.getLong(SENT_AT),
            session.getList(EVENTS), null,
            session.contains(ENDED_AT) ? session.getLong(ENDED_AT) : System.currentTimeMillis(),
            session.getBoolean(OVERFLOWED))))
        .exec(writeRows());
  }

  private Session collectFrames(StreamFormat format, List<WsInboundMessage> messages, Session session) {
    List<StreamEvent> events = new ArrayList<>(session.getList(EVENTS));
    Session updated = session;
    for (WsInboundMessage message : messages) {
      if (message instanceof WsInboundMessage.Text text) {
        events.add(new StreamEvent(text.timestamp(), text.message()));
        updated = updated.set(LAST_FRAME_AT, text.timestamp());
        StreamFormat.Kind kind = format.read(text.message()).kind();
        if ((kind == StreamFormat.Kind.TERMINAL || kind == StreamFormat.Kind.ERROR) && !updated.contains(ENDED_AT)) {
          updated = updated.set(ENDED_AT, text.timestamp());
        }
      }
    }
    return updated.set(EVENTS, List.copyOf(events))
        .set(OVERFLOWED, session.getBoolean(OVERFLOWED) || messages.size() >= bufferCapacity);
  }

  private static List<StreamEvent> sseEvents(List<SseInboundMessage> messages) {
    List<StreamEvent> events = new ArrayList<>(messages.size());
    for (SseInboundMessage message : messages) {
      events.add(new StreamEvent(message.timestamp(), message.message()));
    }
    return events;
  }

  /** What the OK replies so far add up to, by the group path their rows are in ("chat-sse", "stair 2 / story"). */
  public Map<String, StreamTally> talliesByGroup() {
    return new TreeMap<>(tallies);
  }

  private io.gatling.javaapi.core.ActionBuilder writeRows() {
    return ReportRows.writing((session, writer) -> {
      ReplyMetrics reply = session.get(REPLY);
      if (reply.ok()) {
        String group = ReportRows.groupPath(session);
        tallies.computeIfAbsent(group, g -> new StreamTally()).add(reply);
      }
      String failure = reply.failure();
      long first = reply.hasContent() ? reply.firstContentAt() : reply.endAt();
      long gapStart = reply.longestGapStart() >= 0 ? reply.longestGapStart() : first;
      writer.row(RowNames.TTFT, reply.sentAt(), first, failure);
      writer.row(RowNames.INTER_CHUNK, gapStart, gapStart + reply.longestGapMs(), failure);
      writer.row(RowNames.ITL, first, first + Math.round(reply.itlMs()), failure);
      writer.row(RowNames.END_TO_END, reply.sentAt(), reply.endAt(), failure);
      return reply.ok() ? session : session.markAsFailed();
    });
  }
}
