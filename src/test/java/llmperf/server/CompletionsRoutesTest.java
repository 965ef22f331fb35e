package llmperf.server;

import static llmperf.server.ApiTestSupport.OPENAI_AUTH;
import static llmperf.server.ApiTestSupport.events;
import static llmperf.server.ApiTestSupport.raw;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** POST /v1/completions on the wire: text_completion chunks, usage, [DONE], and every fault. */
class CompletionsRoutesTest {

  private static final String PATH = "/v1/completions";

  private static EmbeddedTarget target;

  @BeforeAll
  static void start() {
    target = EmbeddedTarget.start(ApiTestSupport.withReasoning());
  }

  @BeforeEach
  void healthy() {
    target.setFaults(Faults.none());
  }

  @AfterAll
  static void stop() {
    target.close();
  }

  private static String body(String prompt, boolean stream) {
    return "{\"model\":\"test-model\",\"prompt\":" + prompt + ",\"max_tokens\":6,\"stream\":" + stream
        + ",\"stream_options\":{\"include_usage\":" + stream + "}}";
  }

  @Test
  void aStreamSendsTextChunksThenTheFinishThenUsageThenDone() {
    String raw = raw(target, PATH, OPENAI_AUTH, body("\"Once upon a time\"", true));
    List<ApiTestSupport.Sse> events = events(ApiTestSupport.dechunked(raw));
    assertEquals("[DONE]", events.get(events.size() - 1).data());
    List<JsonNode> chunks = events.subList(0, events.size() - 1).stream().map(ApiTestSupport.Sse::json).toList();
    String id = chunks.get(0).get("id").asText();
    assertTrue(id.startsWith("cmpl-"), id);
    List<JsonNode> text = chunks.subList(0, chunks.size() - 2);
    for (JsonNode chunk : chunks) {
      assertEquals(id, chunk.get("id").asText());
      assertEquals("text_completion", chunk.get("object").asText());
    }
    for (JsonNode chunk : text) {
      JsonNode choice = chunk.get("choices").get(0);
      assertTrue(choice.get("text").asText().startsWith(" "), chunk.toString());
      assertTrue(choice.get("finish_reason").isNull());
      assertTrue(chunk.get("usage").isNull());
    }
    JsonNode finish = chunks.get(chunks.size() - 2).get("choices").get(0);
    assertEquals("", finish.get("text").asText());
    assertEquals(text.size() == 6 ? "length" : "stop", finish.get("finish_reason").asText());
    JsonNode usage = chunks.get(chunks.size() - 1);
    assertEquals(0, usage.get("choices").size());
    assertEquals(text.size(), usage.get("usage").get("completion_tokens").asInt());
    assertEquals(4, usage.get("usage").get("prompt_tokens").asInt());
  }

  @Test
  void aPromptArrayIsOnePromptAndAWholeReplyHasOneChoice() {
    JsonNode whole = ApiTestSupport.body(raw(target, PATH, OPENAI_AUTH, body("[\"Once upon\",\" a time\"]", false)));
    assertEquals("text_completion", whole.get("object").asText());
    assertEquals(1, whole.get("choices").size());
    String text = whole.get("choices").get(0).get("text").asText();
    assertEquals(text.split(" ").length - 1, whole.get("usage").get("completion_tokens").asInt());
    assertEquals(4, whole.get("usage").get("prompt_tokens").asInt());

    String noPrompt = raw(target, PATH, OPENAI_AUTH, "{\"model\":\"test-model\"}");
    assertEquals("HTTP/1.1 400 Bad Request", ApiTestSupport.status(noPrompt));
    String noKey = raw(target, PATH, Map.of(), body("\"x\"", true));
    assertEquals("HTTP/1.1 401 Unauthorized", ApiTestSupport.status(noKey));
  }

  @Test
  void faultsHitLegacyCompletionsAsTheyHitChatCompletions() throws IOException {
    // 500, drop, truncate, then on a one-slot target: 429, and the error event of a stream the target ends.
    target.setFaults(ApiTestSupport.errorRate(1));
    assertEquals("HTTP/1.1 500 Internal Server Error",
        ApiTestSupport.status(raw(target, PATH, OPENAI_AUTH, body("\"x\"", true))));

    target.setFaults(ApiTestSupport.streamFaults(1, 0));
    String dropped = raw(target, PATH, OPENAI_AUTH, body("\"x\"", true));
    assertTrue(dropped.contains("\"text\":\" "), dropped);
    assertFalse(dropped.contains("[DONE]") || dropped.endsWith("0\r\n\r\n"), dropped);

    target.setFaults(ApiTestSupport.streamFaults(0, 1));
    String truncated = raw(target, PATH, OPENAI_AUTH, body("\"x\"", true));
    assertTrue(truncated.endsWith("\r\n0\r\n\r\n") && truncated.contains("\"text\":\" "), truncated);
    assertFalse(truncated.contains("[DONE]"), truncated);

    EmbeddedTarget small = EmbeddedTarget.start(TargetTestSupport.fast().withSlots(1, 0));
    try {
      String longStream = "{\"model\":\"m\",\"prompt\":\"x\",\"max_tokens\":2000,\"stream\":true}";
      List<String> refused = new ArrayList<>();
      ApiTestSupport.withTheOnlySlotTaken(small, PATH, OPENAI_AUTH, longStream,
          () -> refused.add(raw(small, PATH, OPENAI_AUTH, longStream)));
      assertEquals("HTTP/1.1 429 Too Many Requests", ApiTestSupport.status(refused.get(0)));
      assertTrue(refused.get(0).contains("retry-after: 2"), refused.get(0));

      TargetTestSupport.await("the slot free", TargetTestSupport.TIMEOUT, () -> small.stats().activeStreams() == 0);
      try (Socket socket = ApiTestSupport.open(small, PATH, OPENAI_AUTH, longStream, true)) {
        TargetTestSupport.await("the stream", TargetTestSupport.TIMEOUT, () -> small.stats().activeStreams() == 1);
        small.close();
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        socket.getInputStream().transferTo(all);
        List<ApiTestSupport.Sse> events = events(ApiTestSupport.dechunked(all.toString(StandardCharsets.UTF_8)));
        JsonNode error = events.get(events.size() - 1).json().get("error");
        assertEquals("server_error", error.get("type").asText(), error.toString());
      }
    } finally {
      small.close();
    }
  }
}
