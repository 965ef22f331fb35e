package llmperf.server;

import static llmperf.server.TargetTestSupport.chatCompletion;
import static llmperf.server.TargetTestSupport.errorMessage;
import static llmperf.server.TargetTestSupport.parse;
import static llmperf.server.TargetTestSupport.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class OpenAiRoutesTest {

  private static EmbeddedTarget target;
  private static HttpClient client;

  @BeforeAll
  static void start() {
    target = EmbeddedTarget.start(TargetTestSupport.fast());
    client = TargetTestSupport.client();
  }

  @AfterAll
  static void stop() {
    target.close();
  }

  /** The raw SSE body split into events; asserts the body ends with a complete event. */
  private static List<String> events(String body) {
    assertTrue(body.endsWith("\n\n"), body);
    List<String> events = Arrays.asList(body.substring(0, body.length() - 2).split("\n\n", -1));
    for (String event : events) {
      assertTrue(event.startsWith("data: "), "event without data prefix: " + event);
      assertFalse(event.contains("\n"), "multi-line event: " + event);
    }
    return events;
  }

  private static JsonNode data(String event) {
    return parse(event.substring("data: ".length()));
  }

  @Test
  void streamFollowsOpenAisChunkFormatWithUsage() {
    String prompt = "Tell me a story about a fox";
    HttpResponse<String> resp = send(client, chatCompletion(target, "{\"model\":\"gpt-4o-mini\","
        + "\"messages\":[{\"role\":\"system\",\"content\":\"Be brief\"},{\"role\":\"user\",\"content\":\""
        + prompt + "\"}],\"max_tokens\":12,\"stream\":true,\"stream_options\":{\"include_usage\":true}}"));
    assertEquals(200, resp.statusCode(), resp.body());
    assertEquals("text/event-stream", resp.headers().firstValue("content-type").orElseThrow());
    assertEquals("no-cache", resp.headers().firstValue("cache-control").orElseThrow());
    assertEquals("chunked", resp.headers().firstValue("transfer-encoding").orElseThrow());
    assertTrue(resp.headers().firstValue("content-length").isEmpty());
    assertTrue(Double.parseDouble(resp.headers().firstValue("x-llmperf-prefill-ms").orElseThrow()) >= 5);

    List<String> events = events(resp.body());
    assertEquals("data: [DONE]", events.get(events.size() - 1));
    JsonNode role = data(events.get(0));
    String id = role.get("id").asText();
    long created = role.get("created").asLong();
    assertTrue(id.startsWith("chatcmpl-"));

    JsonNode usageChunk = data(events.get(events.size() - 2));
    JsonNode finish = data(events.get(events.size() - 3));
    List<String> contentEvents = events.subList(1, events.size() - 3);
    for (String event : events.subList(0, events.size() - 1)) {
      JsonNode chunk = data(event);
      assertEquals(id, chunk.get("id").asText());
      assertEquals("chat.completion.chunk", chunk.get("object").asText());
      assertEquals(created, chunk.get("created").asLong());
      assertEquals("gpt-4o-mini", chunk.get("model").asText());
      assertTrue(chunk.get("system_fingerprint").isNull());
      assertTrue(chunk.has("usage"));
    }
    assertEquals("{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"logprobs\":null,"
        + "\"finish_reason\":null}", role.get("choices").get(0).toString());
    assertTrue(role.get("usage").isNull());

    StringBuilder text = new StringBuilder();
    for (String event : contentEvents) {
      JsonNode choice = data(event).get("choices").get(0);
      assertEquals(1, choice.get("delta").size(), event);
      String content = choice.get("delta").get("content").asText();
      assertTrue(content.startsWith(" ") && content.length() > 1, event);
      assertTrue(choice.get("finish_reason").isNull());
      assertTrue(data(event).get("usage").isNull());
      text.append(content);
    }
    int completion = contentEvents.size();
    assertTrue(completion >= 6 && completion <= 12, "tokens: " + completion);
    assertEquals(completion, text.toString().split(" ").length - 1);

    JsonNode finishChoice = finish.get("choices").get(0);
    assertEquals(0, finishChoice.get("delta").size());
    assertEquals(completion == 12 ? "length" : "stop", finishChoice.get("finish_reason").asText());
    assertTrue(finish.get("usage").isNull());

    assertEquals(0, usageChunk.get("choices").size());
    JsonNode usage = usageChunk.get("usage");
    int promptTokens = (int) Math.ceil(("Be brief" + prompt).length() / 4.0);
    assertEquals(promptTokens, usage.get("prompt_tokens").asInt());
    assertEquals(completion, usage.get("completion_tokens").asInt());
    assertEquals(promptTokens + completion, usage.get("total_tokens").asInt());
  }

  @Test
  void streamWithoutIncludeUsageHasNoUsageField() {
    HttpResponse<String> resp = send(client, chatCompletion(target,
        "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}],\"stream\":true}"));
    List<String> events = events(resp.body());
    assertEquals("data: [DONE]", events.get(events.size() - 1));
    JsonNode finish = data(events.get(events.size() - 2));
    assertTrue(finish.get("choices").get(0).get("finish_reason").isTextual());
    // Default max tokens 16, min fraction 0.5: role + 8..16 tokens + finish + [DONE].
    assertTrue(events.size() >= 11 && events.size() <= 19, "events: " + events.size());
    for (String event : events.subList(0, events.size() - 1)) {
      assertFalse(data(event).has("usage"), event);
    }
  }

  @Test
  void maxTokensReachedEndsWithFinishReasonLength() {
    HttpResponse<String> resp = send(client, chatCompletion(target, "{\"model\":\"m\",\"messages\":"
        + "[{\"role\":\"user\",\"content\":\"hi\"}],\"max_completion_tokens\":1,\"stream\":true}"));
    List<String> events = events(resp.body());
    assertEquals(4, events.size(), resp.body());
    assertEquals("length",
        data(events.get(2)).get("choices").get(0).get("finish_reason").asText());
  }

  @Test
  void nonStreamingReplyIsAChatCompletionObject() {
    HttpResponse<String> resp = send(client, chatCompletion(target, "{\"model\":\"any-model\","
        + "\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Hello there\"}]}],"
        + "\"max_tokens\":10}"));
    assertEquals(200, resp.statusCode(), resp.body());
    assertEquals("application/json", resp.headers().firstValue("content-type").orElseThrow());
    assertTrue(resp.headers().firstValue("x-llmperf-prefill-ms").isPresent());
    JsonNode body = parse(resp.body());
    assertTrue(body.get("id").asText().startsWith("chatcmpl-"));
    assertEquals("chat.completion", body.get("object").asText());
    assertTrue(body.get("created").isIntegralNumber());
    assertEquals("any-model", body.get("model").asText());
    assertTrue(body.get("system_fingerprint").isNull());
    JsonNode choice = body.get("choices").get(0);
    assertEquals(0, choice.get("index").asInt());
    assertEquals("assistant", choice.get("message").get("role").asText());
    assertTrue(choice.get("logprobs").isNull());
    String content = choice.get("message").get("content").asText();
    JsonNode usage = body.get("usage");
    int completion = usage.get("completion_tokens").asInt();
    assertEquals(completion, content.split(" ").length - 1);
    assertEquals(completion == 10 ? "length" : "stop", choice.get("finish_reason").asText());
    assertEquals(3, usage.get("prompt_tokens").asInt());
    assertEquals(3 + completion, usage.get("total_tokens").asInt());
  }

  @Test
  void invalidRequestsAre400() {
    errorMessage(send(client, chatCompletion(target, "{\"model\":\"m\"}")), 400);
    errorMessage(send(client, chatCompletion(target, "{\"model\":\"m\",\"messages\":[]}")), 400);
    errorMessage(send(client, chatCompletion(target,
        "{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}")), 400);
    errorMessage(send(client, chatCompletion(target, "{\"model\":\"m\",\"messages\":"
        + "[{\"role\":\"user\",\"content\":\"x\"}],\"max_tokens\":-3}")), 400);
    errorMessage(send(client, chatCompletion(target, "{\"model\":\"m\",\"messages\":"
        + "[{\"role\":\"user\",\"content\":\"x\"}],\"stream\":\"yes\"}")), 400);
    errorMessage(send(client, chatCompletion(target, "{\"model\":")), 400);
  }
}
