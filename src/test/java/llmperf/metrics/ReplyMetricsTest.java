package llmperf.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Stream figures on recorded event sequences: SSE events as the suite's client parses them, WebSocket frames. */
class ReplyMetricsTest {

  private static final long MS = 1_000_000L;
  private static final long T0 = 1_000_000L * MS;
  private static final String ROLE = chunk("{\"role\":\"assistant\",\"content\":\"\"}", "null");
  private static final String FINISH = chunk("{}", "\"stop\"");
  private static final String USAGE = "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\","
      + "\"choices\":[],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":3,\"total_tokens\":8}}";
  private static final String DONE = "[DONE]";
  private static final String CUT = ErrorClass.DROPPED.message("after 2 events");

  private static String chunk(String delta, String finishReason) {
    return "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,"
        + "\"delta\":" + delta + ",\"logprobs\":null,\"finish_reason\":" + finishReason + "}],\"usage\":null}";
  }

  private static String content(String text) {
    return chunk("{\"content\":\"" + text + "\"}", "null");
  }

  /** Feeds OpenAI events at the given offsets in ms (fractions allowed) and finishes at {@code endMs}. */
  private static ReplyMetrics openAi(double endMs, Object... offsetAndData) {
    ReplyRecorder recorder = new ReplyRecorder(StreamFormat.OPENAI_SSE, T0);
    for (int i = 0; i < offsetAndData.length; i += 2) {
      recorder.event(at((Double) offsetAndData[i]), "", (String) offsetAndData[i + 1]);
    }
    return recorder.finish(at(endMs), CUT);
  }

  /** WebSocket frames as Gatling buffered them, read by a recorder once the wait for them ended at {@code endAt}. */
  private static ReplyMetrics frames(List<Frame> frames, long endAt, boolean bufferFull) {
    ReplyRecorder recorder = new ReplyRecorder(StreamFormat.CHAT_WS, T0);
    for (Frame frame : frames) {
      if (recorder.event(frame.at(), "", frame.text())) {
        break;
      }
    }
    return recorder.finish(endAt, CUT, bufferFull);
  }

  private record Frame(long at, String text) {}

  private static Frame frame(long at, String text) {
    return new Frame(at, text);
  }

  private static long at(double offsetMs) {
    return T0 + Math.round(offsetMs * MS);
  }

  @Test
  void theRoleChunkIsNotATokenAndUsageGivesTheTokenCount() {
    ReplyMetrics reply = openAi(177.0, 40.0, ROLE, 120.0, content(" Once"), 135.0, content(" upon"),
        175.0, content(" a"), 176.0, FINISH, 176.0, USAGE, 177.0, DONE);
    assertNull(reply.failure());
    assertEquals(120 * MS, reply.firstTokenAt() - T0, "TTFT runs to the first content, not to the role chunk");
    assertEquals(177 * MS, reply.endAt() - T0);
    assertEquals(40 * MS, reply.longestGap());
    assertEquals(T0 + 135 * MS, reply.longestGapStart());
    assertArrayEquals(new long[] {15 * MS, 40 * MS}, reply.gaps(), "every gap between content events, none to the finish chunk");
    assertEquals(3, reply.outputTokens());
    assertEquals(27.5 * MS, reply.itlNanos(), 1e-6, "(175 - 120) / (3 - 1)");
  }

  /** A reasoning model's reply: {@code reasoning} then {@code answer} tokens, 20 ms apart from 80 ms, in {@code field}. */
  private static ReplyMetrics reasoningReply(String field, int reasoning, int answer, boolean detailedUsage) {
    ReplyRecorder recorder = new ReplyRecorder(StreamFormat.OPENAI_SSE, T0);
    recorder.event(at(40), "", ROLE);
    for (int i = 0; i < reasoning + answer; i++) {
      String delta = i < reasoning ? "{\"" + field + "\":\" think\"}" : "{\"content\":\" say\"}";
      recorder.event(at(80 + 20 * i), "", chunk(delta, "null"));
    }
    long end = 80 + 20L * (reasoning + answer);
    String details = detailedUsage ? ",\"completion_tokens_details\":{\"reasoning_tokens\":" + reasoning + "}" : "";
    recorder.event(at(end), "", "{\"choices\":[],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":"
        + (reasoning + answer) + details + "}}");
    recorder.event(at(end), "", DONE);
    return recorder.finish(at(end), CUT);
  }

  @Test
  void aReasoningReplysTtftIsItsFirstReasoningTokenAndItsItlRunsOverEveryToken() {
    for (String field : List.of("reasoning_content", "reasoning")) {
      ReplyMetrics reply = reasoningReply(field, 30, 20, true);
      assertNull(reply.failure(), field);
      assertEquals(80 * MS, reply.firstTokenAt() - T0, field + ": TTFT is the first token of any kind");
      assertEquals(680 * MS, reply.kinds().firstAnswerAt() - T0, field + ": the answer starts after 30 reasoning tokens");
      assertEquals(20 * MS, reply.itlNanos(), 1e-6, field + ": the real pace, not the answer's span over all tokens");
      assertEquals(30, reply.kinds().reasoningTokens());
      assertTrue(reply.kinds().reasoningFromUsage());
      assertTrue(reply.reasoned());
      assertFalse(reply.calledATool());
    }
  }

  @Test
  void withoutUsageDetailsTheReasoningTokensAreCountedFromTheEvents() {
    ReplyMetrics reply = reasoningReply("reasoning", 12, 4, false);
    assertEquals(12, reply.kinds().reasoningTokens());
    assertFalse(reply.kinds().reasoningFromUsage());
    assertEquals(16, reply.outputTokens());
  }

  @Test
  void aToolCallWithNoContentIsAGoodReplyTimedToItsLastArgumentPiece() {
    String name = chunk("{\"tool_calls\":[{\"index\":0,\"id\":\"call_1\",\"type\":\"function\","
        + "\"function\":{\"name\":\"lookup\",\"arguments\":\"\"}}]}", "null");
    String piece = chunk("{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{}\"}}]}", "null");
    ReplyMetrics reply = openAi(130.0, 40.0, ROLE, 90.0, name, 100.0, piece, 125.0, piece,
        126.0, chunk("{}", "\"tool_calls\""), 130.0, DONE);
    assertNull(reply.failure());
    assertTrue(reply.calledATool());
    assertEquals(100 * MS, reply.firstTokenAt() - T0, "the call's first argument piece, not the chunk naming it");
    assertEquals(100 * MS, reply.kinds().firstAnswerAt() - T0, "a tool call is the answer");
    assertEquals(125 * MS, reply.kinds().lastToolCallAt() - T0);
    assertEquals(2, reply.tokenEvents());
  }

  @Test
  void timesKeepTheirMicroseconds() {
    ReplyMetrics reply = openAi(31.0, 10.0, content(" a"), 20.25, content(" b"), 30.5, content(" c"), 31.0, DONE);
    assertArrayEquals(new long[] {10_250_000, 10_250_000}, reply.gaps());
    assertEquals(10.25 * MS, reply.itlNanos(), 1e-6, "no rounding to whole milliseconds");
  }

  @Test
  void anErrorEventMidStreamFailsTheReply() {
    ReplyMetrics reply = openAi(300.0, 40.0, ROLE, 90.0, content(" Hi"),
        300.0, "{\"error\":{\"message\":\"upstream overloaded\",\"type\":\"server_error\"}}");
    assertEquals("error event: upstream overloaded", reply.failure());
    assertEquals(ErrorClass.ERROR_EVENT, ErrorClass.of(reply.failure()));
    assertEquals(90 * MS, reply.firstTokenAt() - T0);
  }

  @Test
  void aReplyCutShortTakesTheReasonTheTransportGives() {
    ReplyMetrics reply = openAi(101.0, 40.0, ROLE, 90.0, content(" Hi"), 100.0, content(" there"));
    assertEquals(CUT, reply.failure());
    assertEquals(101 * MS, reply.endAt() - T0);
  }

  @Test
  void aStreamWithNoContentIsAnEmptyReply() {
    ReplyMetrics reply = openAi(42.0, 40.0, ROLE, 41.0, FINISH, 42.0, DONE);
    assertEquals("empty reply: no token of any kind before the terminal event", reply.failure());
    assertFalse(reply.hasTokens());
  }

  @Test
  void moreContentEventsThanUsageTokensIsAnInvalidBody() {
    ReplyRecorder recorder = new ReplyRecorder(StreamFormat.CHAT_SSE, T0);
    recorder.event(at(50), "token", "{\"content\":\" a\",\"index\":0}");
    recorder.event(at(60), "token", "{\"content\":\" b\",\"index\":1}");
    assertTrue(recorder.event(at(61), "done",
        "{\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1,\"total_tokens\":2}}"));
    assertEquals("invalid body: 2 token events but usage reports 1 output tokens",
        recorder.finish(at(61), CUT).failure());
  }

  @Test
  void webSocketFramesEndWithTheDoneFrameAndItsUsage() {
    ReplyMetrics reply = frames(List.of(
        frame(at(1), "{\"type\":\"start\",\"request_id\":\"r\"}"),
        frame(at(80), "{\"type\":\"token\",\"request_id\":\"r\",\"content\":\" a\",\"index\":0}"),
        frame(at(95), "{\"type\":\"token\",\"request_id\":\"r\",\"content\":\" b\",\"index\":1}"),
        frame(at(96), "{\"type\":\"done\",\"request_id\":\"r\",\"usage\":{\"completion_tokens\":2}}")),
        at(96), false);
    assertNull(reply.failure());
    assertEquals(80 * MS, reply.firstTokenAt() - T0);
    assertEquals(96 * MS, reply.endAt() - T0);
    assertEquals(2, reply.usageTokens());
  }

  @Test
  void aFullFrameBufferFailsTheReplyAsTheClientsLimit() {
    ReplyMetrics reply = frames(List.of(
        frame(at(80), "{\"type\":\"token\",\"content\":\" a\",\"index\":0}"),
        frame(at(96), "{\"type\":\"done\",\"usage\":{\"completion_tokens\":1}}")), at(96), true);
    assertEquals(ErrorClass.CLIENT_BUFFER, ErrorClass.of(reply.failure()));
  }

  /** A WebSocket server refuses in-band: an error frame with its status is that status, a rejection like any 429. */
  @Test
  void anErrorFrameFailsAWebSocketReplyWithTheStatusItCarries() {
    ReplyMetrics reply = frames(List.of(frame(at(2),
        "{\"type\":\"error\",\"request_id\":\"r\",\"code\":429,\"message\":\"generation queue full\"}")), at(2), false);
    assertEquals("http 429 in an error event: generation queue full", reply.failure());
    assertEquals("http 429", ErrorClass.causeOf(reply.failure()));
  }

  @Test
  void httpFailuresAreClassedByTheirStatus() {
    assertEquals(ErrorClass.HTTP_STATUS, ErrorClass.of(ErrorClass.HTTP_STATUS.message("429: Retry-After 1; busy")));
    assertNull(ErrorClass.of("status.find.is(200), but actually found 500"), "a Gatling check's message has no class");
  }
}
