package llmperf.suite.measure;

import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.pause;
import static io.gatling.javaapi.http.HttpDsl.ws;

import io.gatling.http.action.ws.WsInboundMessage;
import io.gatling.javaapi.core.ActionBuilder;
import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.http.WsSendTextActionBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import java.util.function.ToLongFunction;
import llmperf.client.Connections;
import llmperf.client.StreamClient;
import llmperf.clock.MonotonicClock;
import llmperf.config.TargetConfig;
import llmperf.data.PromptTokens;
import llmperf.suite.gatling.CustomActions;
import llmperf.suite.gatling.ReportRows;
import llmperf.server.EmbeddedTarget;
import llmperf.metrics.ConversationTally;
import llmperf.metrics.TruthTally;
import llmperf.metrics.ReplyRecorder;
import llmperf.metrics.ReplyText;
import llmperf.metrics.ErrorClass;
import llmperf.metrics.StreamFormat;
import llmperf.metrics.ReplyMetrics;
import llmperf.metrics.StreamTally;
import llmperf.metrics.RowNames;
import llmperf.metrics.ReplyObjectives;

/**
 * Streams replies and writes their rows into the current group, once per reply:
 * <ul>
 *   <li>the head row (named by the journey): the streamed request to its response head, the time to first byte;</li>
 *   <li>{@code ttft}: t0 to the first token of any kind: reasoning, answer or tool call (a role-only chunk is none);</li>
 *   <li>{@code inter-chunk}: the reply's longest gap between consecutive token events (its worst stall);</li>
 *   <li>{@code itl}: (t_last - t_first) / (output tokens - 1), tokens from usage when the stream reports it;</li>
 *   <li>{@code end-to-end}: t0 to the terminal event ([DONE], done event or frame);</li>
 *   <li>the body row (named by the journey): the response head to the terminal event;</li>
 *   <li>{@code answer-ttft}, for a reply that reasoned: t0 to its first answer or tool-call token;</li>
 *   <li>{@code tool-call}, for a reply that called a tool: t0 to the last piece of the call's arguments.</li>
 * </ul>
 * A failed reply writes all its rows KO with the reason, which starts with its {@link ErrorClass}. SSE replies go
 * through the suite's own {@link StreamClient} on the user's event loop (timings from one monotonic clock, no
 * reconnect, no replay; connections kept per user for {@code target.connections.keep-alive}); WebSocket replies
 * through Gatling's WebSocket support, whose frames carry Gatling's arrival stamps.
 */
public final class StreamMeasurement {

  /** The request id the suite sends with every streamed request, which the reference server records it under. */
  private static final String REQUEST_ID_HEADER = EmbeddedTarget.REQUEST_ID_HEADER;
  private static final String CONNECTIONS = "llmperf.connections";
  private static final String STARTED_AT = "llmperf.startedAt";
  private static final String SENT_AT = "llmperf.sentAt";
  private static final String RECORDER = "llmperf.recorder";
  private static final String ENDED_AT = "llmperf.endedAt";
  private static final String OVERFLOWED = "llmperf.overflowed";
  private static final String LAST_FRAME_AT = "llmperf.lastFrameAt";
  /** What a synthetic or dataset prompt asked for, from its feeder row: the request's prompt tokens and max_tokens. */
  private static final String PROMPT_TOKENS = "prompt_tokens";
  private static final String MAX_TOKENS = "max_tokens";
  private static final Duration WEBSOCKET_POLL = Duration.ofMillis(20);
  private static final AtomicLong REQUESTS = new AtomicLong();

  private final TargetConfig target;
  private final StreamClient.Timeouts timeouts;
  private final int bufferCapacity;
  private final Map<String, StreamTally> tallies = new ConcurrentHashMap<>();
  private final Map<String, TruthTally> truths = new ConcurrentHashMap<>();
  private final Map<String, ConversationTally> conversations = new ConcurrentHashMap<>();
  /** Bounded like the server's own traces: a run longer than this many replies compares its first ones. */
  private static final int AWAITED_RECORDS = 200_000;
  private final Map<String, Awaited> awaitingRecords = new ConcurrentHashMap<>();
  private final boolean awaitRecords;
  private final Function<String, EmbeddedTarget.ServerRecord> serverRecords;
  private final Map<String, ReplyObjectives> objectivesByGroup = new ConcurrentHashMap<>();
  private volatile Function<String, ReplyObjectives> objectives = group -> ReplyObjectives.NONE;
  private volatile BiConsumer<Session, ReplyMetrics> okReplies = (session, reply) -> { };

  /**
   * @param bufferCapacity Gatling's unmatched-frame buffer size for WebSocket replies (see {@link #bufferFor})
   * @param serverRecords the reference server's record of a request by its id, taken once, when the server runs in
   *     this JVM; null otherwise
   * @param awaitRecords whether to keep the OK replies for the records of a server in another process on this
   *     machine, collected after the run ({@link #joinRecords})
   */
  public StreamMeasurement(TargetConfig target, int bufferCapacity,
      Function<String, EmbeddedTarget.ServerRecord> serverRecords, boolean awaitRecords) {
    this.target = target;
    this.serverRecords = serverRecords;
    this.awaitRecords = awaitRecords;
    this.timeouts = new StreamClient.Timeouts(target.connectTimeout(), target.requestTimeout(),
        target.streamTimeout(), target.streamIdleTimeout());
    this.bufferCapacity = bufferCapacity;
  }

  /**
   * Holds each OK reply, as it ends, to the objectives of its group path ("chat-sse", "stair 2 / story"): its own
   * TTFT, ITL and end-to-end, so that goodput pairs the three figures of one reply rather than rows of the log.
   */
  public void holdRepliesTo(Function<String, ReplyObjectives> objectivesByGroup) {
    this.objectives = objectivesByGroup;
  }

  /** Hands every OK reply, as it ends, with its user's session to {@code listener} (the schedule's from-due figures). */
  public void tellOkRepliesTo(BiConsumer<Session, ReplyMetrics> listener) {
    this.okReplies = listener;
  }

  /** Buffer size for replies of up to {@code maxTokens} tokens: one frame per token plus start, done, slack. */
  public static int bufferFor(int maxTokens) {
    return maxTokens + maxTokens / 4 + 16;
  }

  /**
   * Marks t0 of the next reply now: for a chat platform whose reply is asked for by one request (the message's
   * POST) and streamed by another, the user waits from the first.
   */
  public ChainBuilder startReply() {
    return exec(session -> session.set(STARTED_AT, MonotonicClock.epochNanos()));
  }

  /**
   * One SSE reply to the request {@code request} builds, its rows named {@code headRow} and {@code bodyRow} besides
   * the four stream rows; t0 is the mark of {@link #startReply} when one is set, else when the request leaves.
   */
  public ActionBuilder sse(StreamFormat format, String headRow, String bodyRow,
      Function<Session, StreamClient.Request> request) {
    return sse(format, headRow, bodyRow, request, null);
  }

  /**
   * What a conversation's turn is in the session.
   *
   * @param number the turn's number (1 for the first)
   * @param replyKey where the reply's text goes, for the next turn to send back
   * @param promptChars the characters of every message the turn sends, for a prompt-token estimate when the
   *     server reports no usage
   */
  public record Turn(ToIntFunction<Session> number, String replyKey, ToLongFunction<Session> promptChars) {}

  /**
   * One turn of a conversation, an OpenAI stream measured as {@link #sse} measures one: the session then holds the
   * reply's text under {@code turn.replyKey()}, and an OK reply's TTFT and prompt tokens are tallied by its turn
   * number ({@link #conversationsByGroup}).
   */
  public ActionBuilder conversationTurn(StreamFormat format, String headRow, String bodyRow,
      Function<Session, StreamClient.Request> request, Turn turn) {
    return sse(format, headRow, bodyRow, request, turn);
  }

  private ActionBuilder sse(StreamFormat format, String headRow, String bodyRow,
      Function<Session, StreamClient.Request> request, Turn turn) {
    return CustomActions.of(headRow, step -> {
      Session session = step.session();
      Connections connections = session.contains(CONNECTIONS) ? session.get(CONNECTIONS)
          : new Connections(target.keepAlive());
      StreamClient.Request built = withRequestId(request.apply(session));
      Long startedAt = session.contains(STARTED_AT) ? session.getLong(STARTED_AT) : null;
      Session next = session.set(CONNECTIONS, connections).remove(STARTED_AT);
      new StreamClient(step.socketChannels(), timeouts).send(step.eventLoop(), connections, built,
          new SseReply(format, headRow, bodyRow, step, next, startedAt, built.headers().get(REQUEST_ID_HEADER), turn));
    });
  }

  /** Closes the user's idle streaming connections: its journey is over. */
  public ChainBuilder closeConnections() {
    return exec(session -> {
      if (session.contains(CONNECTIONS)) {
        session.<Connections>get(CONNECTIONS).closeAll();
      }
      return session.remove(CONNECTIONS);
    });
  }

  private static StreamClient.Request withRequestId(StreamClient.Request request) {
    request.headers().set(REQUEST_ID_HEADER, "llmperf-" + Long.toString(REQUESTS.incrementAndGet(), 36));
    return request;
  }

  /** One SSE reply in flight: what the client reports, until it ends and the rows are written. */
  private final class SseReply implements StreamClient.Listener {
    private final String headRow;
    private final String bodyRow;
    private final CustomActions.Step step;
    private final Session session;
    private final Long startedAt;
    private final StreamFormat format;
    private final String requestId;
    private final Turn turn;
    private final ReplyText text;
    private ReplyRecorder recorder;
    private long requestSentAt;
    private long headAt = -1;

    SseReply(StreamFormat format, String headRow, String bodyRow, CustomActions.Step step, Session session,
        Long startedAt, String requestId, Turn turn) {
      this.format = format;
      this.turn = turn;
      // Read for a conversation's next turn, or for the prompt tokens a synthetic prompt's usage reports.
      this.text = turn == null && !session.contains(PROMPT_TOKENS) ? null : new ReplyText();
      this.requestId = requestId;
      this.headRow = headRow;
      this.bodyRow = bodyRow;
      this.step = step;
      this.session = session;
      this.startedAt = startedAt;
    }

    @Override
    public void sent(long at) {
      requestSentAt = at;
      recorder = new ReplyRecorder(format, startedAt != null ? startedAt : at);
    }

    @Override
    public void head(long at, int status) {
      headAt = at;
    }

    @Override
    public boolean event(long at, String name, String data) {
      boolean over = recorder.event(at, name, data);
      if (text != null) {
        text.read(data);
      }
      return over;
    }

    @Override
    public void ended(long at, String failure) {
      ReplyMetrics reply = recorder.finish(at, failure);
      ReportRows.Writer writer = step.rows(session);
      long head = MonotonicClock.toEpochMillis(headAt >= 0 ? headAt : at);
      writer.row(headRow, MonotonicClock.toEpochMillis(requestSentAt), head, reply.failure());
      Session updated = record(session, writer, reply);
      if (turn != null) {
        updated = updated.set(turn.replyKey(), text.text());
        if (reply.ok()) {
          // The messages are counted again only when the server's usage did not count them.
          int usage = text.promptTokens();
          conversations.computeIfAbsent(ReportRows.groupPath(session), g -> new ConversationTally()).add(
              turn.number().applyAsInt(session), reply.firstTokenAt() - reply.sentAt(), usage,
              usage >= 0 ? 0 : turn.promptChars().applyAsLong(session));
        }
      }
      if (turn == null && text != null && reply.ok()) {
        tallies.computeIfAbsent(ReportRows.groupPath(session), g -> new StreamTally()).asked().add(
            session.getInt(PROMPT_TOKENS), text.promptTokens(), session.getInt(MAX_TOKENS),
            reply.tokensFromUsage() ? reply.outputTokens() : -1, session.getString(PromptTokens.COUNTED_BY));
      }
      writer.row(bodyRow, head, MonotonicClock.toEpochMillis(reply.endAt()), reply.failure());
      if (serverRecords != null) {
        holdAgainstTheServer(ReportRows.groupPath(session), reply, serverRecords.apply(requestId));
      } else if (awaitRecords && reply.ok() && awaitingRecords.size() < AWAITED_RECORDS) {
        awaitingRecords.put(requestId, new Awaited(ReportRows.groupPath(session),
            reply.firstTokenAt() - requestSentAt, reply.endAt() - requestSentAt));
      }
      step.next(updated);
    }

    /** Compares an OK reply with the server's record of the same request, on the one clock both stamp with. */
    private void holdAgainstTheServer(String group, ReplyMetrics reply, EmbeddedTarget.ServerRecord server) {
      if (!reply.ok()) {
        return;
      }
      TruthTally truth = truths.computeIfAbsent(group, g -> new TruthTally());
      if (server == null || server.firstContentAt() < 0 || server.endAt() < 0) {
        truth.missing();
        return;
      }
      truth.add(reply.firstTokenAt() - server.firstContentAt(), reply.endAt() - server.endAt(),
          reply.firstTokenAt() - requestSentAt, server.receivedAt() - requestSentAt,
          Math.max(0, server.queueWaitNanos()), server.prefillNanos());
      truth.prefixCache(server.cachedTokens(), reply.firstTokenAt() - requestSentAt);
    }
  }

  /**
   * A WebSocket reply on an open socket: sends {@code send}, then reads frames as Gatling buffers them until the
   * terminal or error frame arrives, the reply times out, or the socket has been silent for the idle timeout.
   */
  public ChainBuilder webSocket(StreamFormat format, String wsName, WsSendTextActionBuilder send) {
    return exec(session -> {
      long now = System.currentTimeMillis();
      return session.set(SENT_AT, now).set(LAST_FRAME_AT, now).set(OVERFLOWED, false).remove(ENDED_AT)
          .set(RECORDER, new ReplyRecorder(format, now * 1_000_000L)).markAsSucceeded();
    })
        .exec(send)
        // A send on a socket the server closed fails at once: nothing will come back, so do not wait.
        .exec(session -> session.isFailed() ? session.set(ENDED_AT, System.currentTimeMillis()) : session)
        .asLongAs(session -> !session.contains(ENDED_AT)
            && System.currentTimeMillis() < session.getLong(SENT_AT) + target.streamTimeout().toMillis()
            && System.currentTimeMillis() < session.getLong(LAST_FRAME_AT) + target.streamIdleTimeout().toMillis())
        .on(pause(WEBSOCKET_POLL).exec(ws.processUnmatchedMessages(wsName, this::readFrames)))
        .exec(CustomActions.of(wsName + " rows", step -> {
          Session session = step.session();
          long end = session.contains(ENDED_AT) ? session.getLong(ENDED_AT) : System.currentTimeMillis();
          ReplyRecorder recorder = session.get(RECORDER);
          String cutShort = System.currentTimeMillis() >= session.getLong(SENT_AT) + target.streamTimeout().toMillis()
              ? ErrorClass.REQUEST_TIMEOUT.message("no done frame within " + target.streamTimeout().toMillis() + " ms")
              : ErrorClass.STALLED.message("no frame for " + target.streamIdleTimeout().toMillis() + " ms after "
                  + recorder.tokenEvents() + " token frames");
          ReplyMetrics reply = recorder.finish(end * 1_000_000L, cutShort, session.getBoolean(OVERFLOWED));
          step.next(record(session.remove(RECORDER), step.rows(session), reply));
        }));
  }

  /** Hands each new frame to the reply's recorder, once; the frames are not kept. */
  private Session readFrames(List<WsInboundMessage> messages, Session session) {
    ReplyRecorder recorder = session.get(RECORDER);
    Session updated = session.set(OVERFLOWED, session.getBoolean(OVERFLOWED) || messages.size() >= bufferCapacity);
    for (WsInboundMessage message : messages) {
      if (message instanceof WsInboundMessage.Text text && !recorder.isOver()) {
        updated = updated.set(LAST_FRAME_AT, text.timestamp());
        if (recorder.event(text.timestamp() * 1_000_000L, "", text.message())) {
          updated = updated.set(ENDED_AT, text.timestamp());
        }
      }
    }
    return updated;
  }

  /**
   * Holds the OK replies kept for a server in another process against its records of them, collected after the run
   * (see {@link EmbeddedTarget#takeRecord} for one in this JVM).
   */
  public void joinRecords(List<EmbeddedTarget.ServerRecord> records) {
    for (EmbeddedTarget.ServerRecord server : records) {
      Awaited suite = awaitingRecords.remove(server.requestId());
      if (suite != null && server.firstContentAt() >= 0 && server.endAt() >= 0) {
        TruthTally truth = truths.computeIfAbsent(suite.group(), g -> new TruthTally());
        truth.addFromAnotherProcess(suite.ttft(),
            server.firstContentAt() - server.receivedAt(), suite.endToEnd(), server.endAt() - server.receivedAt(),
            Math.max(0, server.queueWaitNanos()), server.prefillNanos());
        truth.prefixCache(server.cachedTokens(), suite.ttft());
      }
    }
    awaitingRecords.forEach((id, suite) -> truths.computeIfAbsent(suite.group(), g -> new TruthTally()).missing());
    awaitingRecords.clear();
  }

  /** An OK reply's own times (ns from writing its request), awaiting the record of a server in another process. */
  private record Awaited(String group, long ttft, long endToEnd) {}

  /** What the OK replies so far add up to, by the group path their rows are in ("chat-sse", "stair 2 / story"). */
  public Map<String, StreamTally> talliesByGroup() {
    return new TreeMap<>(tallies);
  }

  /** The OK replies of conversation turns, by the group path of their rows. */
  public Map<String, ConversationTally> conversationsByGroup() {
    return new TreeMap<>(conversations);
  }

  /** The OK SSE replies held against the server's record, by group path; empty when the server is elsewhere. */
  public Map<String, TruthTally> truthByGroup() {
    return new TreeMap<>(truths);
  }

  /** Writes the four stream rows of a reply and tallies it when it is OK. */
  private Session record(Session session, ReportRows.Writer writer, ReplyMetrics reply) {
    if (reply.ok()) {
      String group = ReportRows.groupPath(session);
      boolean good = objectivesByGroup.computeIfAbsent(group, objectives).metBy(reply);
      tallies.computeIfAbsent(group, g -> new StreamTally()).add(reply, good);
      okReplies.accept(session, reply);
    }
    String failure = reply.failure();
    long t0 = MonotonicClock.toEpochMillis(reply.sentAt());
    long end = MonotonicClock.toEpochMillis(reply.endAt());
    long first = reply.hasTokens() ? MonotonicClock.toEpochMillis(reply.firstTokenAt()) : end;
    long gapStart = reply.longestGapStart() >= 0 ? MonotonicClock.toEpochMillis(reply.longestGapStart()) : first;
    writer.row(RowNames.TTFT, t0, first, failure);
    writer.row(RowNames.INTER_CHUNK, gapStart, gapStart + Math.round(reply.longestGap() / 1e6), failure);
    writer.row(RowNames.ITL, first, first + Math.round(reply.itlNanos() / 1e6), failure);
    writer.row(RowNames.END_TO_END, t0, end, failure);
    if (reply.reasoned()) {
      long firstAnswer = reply.kinds().firstAnswerAt();
      writer.row(RowNames.ANSWER_TTFT, t0, firstAnswer >= 0 ? MonotonicClock.toEpochMillis(firstAnswer) : end, failure);
    }
    if (reply.calledATool()) {
      writer.row(RowNames.TOOL_CALL, t0, MonotonicClock.toEpochMillis(reply.kinds().lastToolCallAt()), failure);
    }
    return reply.ok() ? session : session.markAsFailed();
  }
}
