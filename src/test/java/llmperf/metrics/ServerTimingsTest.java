package llmperf.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** llama.cpp's per-request timings, read in the one pass over each event, carried to the reply's figures. */
class ServerTimingsTest {

  /** The shape llama-server sends last when usage is asked for: no choices, usage, then timings. */
  static final String USAGE_CHUNK = "{\"choices\":[],\"created\":1,\"id\":\"c\",\"model\":\"m\","
      + "\"object\":\"chat.completion.chunk\",\"usage\":{\"completion_tokens\":3,\"prompt_tokens\":12,"
      + "\"total_tokens\":15},\"timings\":{\"cache_n\":4,\"prompt_n\":8,\"prompt_ms\":50.5,"
      + "\"prompt_per_token_ms\":6.3125,\"prompt_per_second\":158.4,\"predicted_n\":3,\"predicted_ms\":60.0,"
      + "\"predicted_per_token_ms\":20.0,\"predicted_per_second\":50.0}}";

  @Test
  void everyFieldIsReadWhereverTheTimingsSitInTheChunk() {
    ServerTimings t = EventFields.of(USAGE_CHUNK).timings();
    assertEquals(new ServerTimings(8, 50.5, 6.3125, 158.4, 3, 60.0, 20.0, 50.0, 4), t);
    assertTrue(t.usable());
    assertEquals(3, EventFields.of(USAGE_CHUNK).usage().outputTokens(), "the fields after timings are still read");
  }

  @Test
  void aMissingFieldIsMinusOneAndExtraFieldsAreSkipped() {
    ServerTimings t = EventFields.of("{\"timings\":{\"prompt_ms\":12,\"draft_n\":5,\"nested\":{\"a\":[1]}},"
        + "\"choices\":[{\"delta\":{\"content\":\"x\"}}]}").timings();
    assertEquals(12, t.promptMs());
    assertEquals(-1, t.predictedPerTokenMs());
    assertEquals(-1, t.cacheN());
    assertFalse(t.usable(), "a reply is held to both figures or to none");
    assertNull(EventFields.of("{\"timings\":\"soon\"}").timings());
    assertNull(EventFields.of("{\"choices\":[]}").timings());
  }

  @Test
  void theLastTimingsOfTheStreamReachTheReply() {
    ReplyRecorder recorder = new ReplyRecorder(StreamFormat.OPENAI_SSE, 0);
    recorder.event(1_000_000, "", "{\"choices\":[{\"delta\":{\"role\":\"assistant\"}}]}");
    // timings_per_token: llama.cpp sends running timings with content chunks, the final ones last.
    recorder.event(2_000_000, "", "{\"choices\":[{\"delta\":{\"content\":\"a\"}}],\"timings\":{\"prompt_ms\":1,"
        + "\"predicted_per_token_ms\":1}}");
    recorder.event(3_000_000, "", "{\"choices\":[{\"delta\":{\"content\":\"b\"}}]}");
    recorder.event(4_000_000, "", "{\"choices\":[{\"delta\":{\"content\":\"c\"}}]}");
    recorder.event(5_000_000, "", "{\"choices\":[{\"delta\":{},\"finish_reason\":\"stop\"}]}");
    recorder.event(5_100_000, "", USAGE_CHUNK);
    assertTrue(recorder.event(5_200_000, "", "[DONE]"));
    ReplyMetrics reply = recorder.finish(6_000_000, null);
    assertTrue(reply.ok(), reply.failure());
    assertEquals(50.5, reply.serverTimings().promptMs());
    assertEquals(3, reply.usageTokens());
  }

  @Test
  void aStreamWithoutTimingsHasNone() {
    ReplyRecorder recorder = new ReplyRecorder(StreamFormat.OPENAI_SSE, 0);
    recorder.event(1, "", "{\"choices\":[{\"delta\":{\"content\":\"a\"}}]}");
    recorder.event(2, "", "[DONE]");
    assertNull(recorder.finish(3, null).serverTimings());
  }

  @Test
  void theTallyHoldsEachReplyToItsTimingsAndCountsThoseWithout() {
    TimingsTally tally = new TimingsTally();
    ServerTimings server = new ServerTimings(8, 50, 6, 160, 11, 200, 20, 50, 0);
    long ms = 1_000_000;
    // TTFT 80 ms, 11 tokens over 220 ms: ITL 22 ms.
    tally.add(new ReplyMetrics(0, 80 * ms, 300 * ms, 301 * ms, 11, 11, -1, 0, new long[0], null,
        ReplyMetrics.Kinds.answerOnly(80 * ms), server));
    tally.add(new ReplyMetrics(0, 70 * ms, 270 * ms, 271 * ms, 11, 11, -1, 0, new long[0], null,
        ReplyMetrics.Kinds.answerOnly(70 * ms), null));
    assertEquals(2, tally.replies());
    assertEquals(1, tally.withTimings());
    assertEquals(30, tally.ttftMinusPrompt().p50(), 1e-9);
    assertEquals(2, tally.itlMinusPerToken().p95(), 1e-9);
    assertEquals(20, tally.serverPerToken().p50(), 1e-9);
    TimingsTally faster = new TimingsTally();
    faster.add(new ReplyMetrics(0, 40 * ms, 240 * ms, 241 * ms, 11, 11, -1, 0, new long[0], null,
        ReplyMetrics.Kinds.answerOnly(40 * ms), server));
    assertEquals(-10, faster.ttftMinusPrompt().p50(), 1e-9, "kept signed: a client ahead of the server shows");
  }
}
