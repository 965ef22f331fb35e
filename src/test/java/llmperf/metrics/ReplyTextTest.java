package llmperf.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** A streamed OpenAI reply's text and prompt tokens, read back from its chunks for the next turn to send. */
class ReplyTextTest {

  private static String chunk(String delta) {
    return "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":" + delta
        + ",\"logprobs\":null,\"finish_reason\":null}],\"usage\":null}";
  }

  @Test
  void theContentOfEveryChunkJoinsAndUsageGivesThePromptTokens() {
    ReplyText reply = new ReplyText();
    reply.read(chunk("{\"role\":\"assistant\",\"content\":\"\"}"));
    reply.read(chunk("{\"content\":\"Once \"}"));
    reply.read(chunk("{\"content\":\"upon a \\\"time\\\"\"}"));
    reply.read("{\"id\":\"chatcmpl-1\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}");
    reply.read("{\"id\":\"chatcmpl-1\",\"choices\":[],\"usage\":{\"prompt_tokens\":412,\"completion_tokens\":3,"
        + "\"total_tokens\":415}}");
    reply.read("[DONE]");
    assertEquals("Once upon a \"time\"", reply.text());
    assertEquals(412, reply.promptTokens());
  }

  @Test
  void aServerWithoutUsageLeavesThePromptTokensUnknown() {
    ReplyText reply = new ReplyText();
    reply.read(chunk("{\"content\":\"Hi\"}"));
    reply.read("not json at all");
    assertEquals("Hi", reply.text());
    assertEquals(-1, reply.promptTokens());
  }

  @Test
  void aRunawayReplyIsCutAtItsBound() {
    ReplyText reply = new ReplyText();
    String word = "x".repeat(1000);
    for (int i = 0; i < ReplyText.MAX_CHARS / 1000 + 10; i++) {
      reply.read(chunk("{\"content\":\"" + word + "\"}"));
    }
    assertEquals(ReplyText.MAX_CHARS, reply.text().length());
  }

  @Test
  void everyApisAnswerTextAndPromptTokensButNotItsReasoning() {
    ReplyText legacy = new ReplyText();
    legacy.read("{\"object\":\"text_completion\",\"choices\":[{\"text\":\"Once\",\"index\":0}]}");
    legacy.read("{\"choices\":[{\"text\":\" upon\",\"index\":0}],\"usage\":{\"prompt_tokens\":7}}");
    assertEquals("Once upon", legacy.text());
    assertEquals(7, legacy.promptTokens());

    ReplyText responses = new ReplyText();
    responses.read("{\"type\":\"response.reasoning_text.delta\",\"delta\":\"hmm\"}");
    responses.read("{\"delta\":\"Once\",\"type\":\"response.output_text.delta\"}");
    responses.read("{\"type\":\"response.output_text.delta\",\"delta\":\" upon\"}");
    responses.read("{\"type\":\"response.completed\",\"response\":{\"usage\":{\"input_tokens\":9,"
        + "\"output_tokens\":3}}}");
    assertEquals("Once upon", responses.text());
    assertEquals(9, responses.promptTokens());

    ReplyText messages = new ReplyText();
    messages.read("{\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"usage\":{\"input_tokens\":25,"
        + "\"output_tokens\":1}}}");
    messages.read("{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"thinking_delta\","
        + "\"thinking\":\"hmm\"}}");
    messages.read("{\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"text_delta\","
        + "\"text\":\"Hello\"}}");
    messages.read("{\"type\":\"message_delta\",\"usage\":{\"output_tokens\":2}}");
    assertEquals("Hello", messages.text());
    assertEquals(25, messages.promptTokens());
  }
}
