package llmperf.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import llmperf.metrics.StreamFormat.Kind;
import llmperf.metrics.StreamFormat.Reading;
import org.junit.jupiter.api.Test;

/** What each event means, read in one streaming pass: the events real servers send, and the odd ones. */
class StreamFormatTest {

  private static Reading openAi(String data) {
    return StreamFormat.OPENAI_SSE.read("", data);
  }

  @Test
  void openAiChunks() {
    assertEquals(Kind.CONTENT, openAi("{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,"
        + "\"delta\":{\"content\":\"Once\"},\"finish_reason\":null}]}").kind());
    assertEquals(Kind.OTHER, openAi("{\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"}}]}")
        .kind(), "role-only first chunk");
    assertEquals(Kind.OTHER, openAi("{\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}").kind());
    assertEquals(new Reading(Kind.USAGE, 64, null),
        openAi("{\"choices\":[],\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":64,\"total_tokens\":76}}"));
    assertEquals(Kind.TERMINAL, openAi("[DONE]").kind());
  }

  @Test
  void contentAndUsageInOneChunkCountBoth() {
    assertEquals(new Reading(Kind.CONTENT, 3, null), openAi("{\"choices\":[{\"delta\":{\"content\":\" a\"}}],"
        + "\"usage\":{\"completion_tokens\":3}}"));
  }

  @Test
  void onlyTheFirstChoiceCountsAndNestedFieldsDoNotConfuseIt() {
    assertEquals(Kind.OTHER, openAi("{\"choices\":[{\"delta\":{\"tool_calls\":[{\"content\":\"x\"}]}},"
        + "{\"delta\":{\"content\":\"second\"}}]}").kind());
    assertEquals(Kind.CONTENT, openAi("{\"choices\":[{\"logprobs\":{\"content\":[]},\"delta\":{\"content\":\"x\"}}]}")
        .kind());
  }

  @Test
  void errorsAndWhatIsNotJson() {
    assertEquals(new Reading(Kind.ERROR, -1, "http 429 in an error event: slots busy"),
        openAi("{\"error\":{\"message\":\"slots busy\",\"code\":429}}"));
    assertEquals(new Reading(Kind.ERROR, -1, "error event: boom"), openAi("{\"error\":\"boom\"}"));
    assertEquals(Kind.OTHER, openAi("not json").kind());
    assertEquals(Kind.OTHER, openAi("{\"choices\":[{\"delta\":{\"content\":\"cut").kind());
  }

  @Test
  void chatPlatformEventsAndFrames() {
    assertEquals(Kind.CONTENT, StreamFormat.CHAT_SSE.read("token", "{\"content\":\"Hi\"}").kind());
    assertEquals(Kind.OTHER, StreamFormat.CHAT_SSE.read("token", "{\"content\":\"\"}").kind());
    assertEquals(new Reading(Kind.TERMINAL, 7, null),
        StreamFormat.CHAT_SSE.read("done", "{\"usage\":{\"completion_tokens\":7}}"));
    assertEquals(new Reading(Kind.ERROR, -1, "error event: busy"),
        StreamFormat.CHAT_SSE.read("error", "{\"message\":\"busy\"}"));
    assertEquals(new Reading(Kind.ERROR, -1, "http 429 in an error event: slots busy"), StreamFormat.CHAT_WS.read("",
        "{\"type\":\"error\",\"request_id\":\"r\",\"code\":429,\"message\":\"slots busy\",\"retry_after\":1}"));
    assertEquals(Kind.CONTENT, StreamFormat.CHAT_WS.read("", "{\"type\":\"token\",\"content\":\"Hi\"}").kind());
    assertEquals(Kind.TERMINAL, StreamFormat.CHAT_WS.read("", "{\"type\":\"done\"}").kind());
    assertEquals(Kind.OTHER, StreamFormat.CHAT_WS.read("", "{\"type\":\"start\"}").kind());
  }
}
