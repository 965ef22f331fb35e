package llmperf.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Stream figures on recorded event sequences, as Gatling 3.15 hands SSE events and WebSocket frames over. */
class ReplyMetricsTest {

  private static final long T0 = 1_000_000L;
  private static final String ROLE = chunk("{\"role\":\"assistant\",\"content\":\"\"}", "null");
  private static final String FINISH = chunk("{}", "\"stop\"");
  private static final String USAGE = "{\"data\":{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\","
      + "\"choices\":[],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":3,\"total_tokens\":8}}}";
  private static final String DONE = "{\"data\":[DONE]}";

  private static String chunk(String delta, String finishReason) {
    return "{\"data\":{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,"
        + "\"delta\":" + delta + ",\"logprobs\":null,\"finish_reason\":" + finishReason + "}],\"usage\":null}}";
  }

  private static String content(String text) {
    return chunk("{\"content\":\"" + text + "\"}", "null");
  }

  private static StreamEvent at(long offset, String text) {
    return new StreamEvent(T0 + offset, text);
  }

  @Test
  void theRoleChunkIsNotATokenAndUsageGivesTheTokenCount() {
    ReplyMetrics reply = ReplyMetrics.of(StreamFormat.OPENAI_SSE, T0, List.of(
        at(40, ROLE), at(120, content(" Once")), at(135, content(" upon")), at(175, content(" a")),
        at(176, FINISH), at(176, USAGE)), DONE, T0 + 177, false);
    assertNull(reply.failure());
    assertEquals(120, reply.firstContentAt() - T0, "TTFT runs to the first content, not to the role chunk");
    assertEquals(177, reply.endAt() - T0);
    assertEquals(40, reply.longestGapMs());
    assertEquals(T0 + 135, reply.longestGapStart());
    assertEquals(List.of(15L, 40L), reply.gapsMs(), "every gap between content events, none to the finish chunk");
    assertEquals(3, reply.outputTokens());
    assertEquals(27.5, reply.itlMs(), 1e-9, "(175 - 120) / (3 - 1)");
  }

  @Test
  void anErrorEventMidStreamFailsTheReply() {
    ReplyMetrics reply = ReplyMetrics.of(StreamFormat.OPENAI_SSE, T0, List.of(at(40, ROLE), at(90, content(" Hi"))),
        "{\"data\":{\"error\":{\"message\":\"upstream overloaded\",\"type\":\"server_error\"}}}", T0 + 300, false);
    assertEquals("error event: upstream overloaded", reply.failure());
    assertEquals(90, reply.firstContentAt() - T0);
  }

  @Test
  void aStreamWithoutItsTerminalEventIsTruncated() {
    ReplyMetrics reply = ReplyMetrics.of(StreamFormat.OPENAI_SSE, T0,
        List.of(at(40, ROLE), at(90, content(" Hi")), at(100, content(" there"))), null, T0 + 101, false);
    assertEquals("no terminal event: stream truncated after 2 content events", reply.failure());
  }

  @Test
  void aStreamWithNoContentIsEmpty() {
    ReplyMetrics reply = ReplyMetrics.of(StreamFormat.OPENAI_SSE, T0, List.of(at(40, ROLE), at(41, FINISH)),
        DONE, T0 + 42, false);
    assertEquals("empty stream: no content event before the terminal event", reply.failure());
    assertFalse(reply.hasContent());
  }

  @Test
  void aFullEventBufferMayHaveLostEventsAndFailsTheReply() {
    ReplyMetrics reply = ReplyMetrics.of(StreamFormat.OPENAI_SSE, T0, List.of(at(90, content(" Hi"))), DONE,
        T0 + 100, true);
    assertTrue(reply.failure().startsWith("event buffer full"));
  }

  @Test
  void moreContentEventsThanUsageTokensIsAProtocolError() {
    ReplyMetrics reply = ReplyMetrics.of(StreamFormat.CHAT_SSE, T0, List.of(
        at(50, "{\"event\":\"token\",\"data\":{\"content\":\" a\",\"index\":0}}"),
        at(60, "{\"event\":\"token\",\"data\":{\"content\":\" b\",\"index\":1}}")),
        "{\"event\":\"done\",\"data\":{\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1,\"total_tokens\":2}}}",
        T0 + 61, false);
    assertEquals("2 content events but usage reports 1 output tokens", reply.failure());
  }

  @Test
  void webSocketFramesEndWithTheDoneFrameAndItsUsage() {
    ReplyMetrics reply = ReplyMetrics.of(StreamFormat.CHAT_WS, T0, List.of(
        at(1, "{\"type\":\"start\",\"request_id\":\"r\"}"),
        at(80, "{\"type\":\"token\",\"request_id\":\"r\",\"content\":\" a\",\"index\":0}"),
        at(95, "{\"type\":\"token\",\"request_id\":\"r\",\"content\":\" b\",\"index\":1}"),
        at(96, "{\"type\":\"done\",\"request_id\":\"r\",\"usage\":{\"completion_tokens\":2}}")),
        null, T0 + 96, false);
    assertNull(reply.failure());
    assertEquals(80, reply.firstContentAt() - T0);
    assertEquals(96, reply.endAt() - T0);
    assertEquals(2, reply.usageTokens());
  }

  @Test
  void anErrorFrameFailsAWebSocketReply() {
    ReplyMetrics reply = ReplyMetrics.of(StreamFormat.CHAT_WS, T0, List.of(
        at(2, "{\"type\":\"error\",\"request_id\":\"r\",\"code\":429,\"message\":\"generation queue full\"}")),
        null, T0 + 2, false);
    assertEquals("error event: generation queue full", reply.failure());
  }
}
