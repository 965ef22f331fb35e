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

  private static Reading token(TokenKind kind) {
    return new Reading(Kind.TOKEN, kind, -1, -1, null, null);
  }

  private static Reading error(String failure) {
    return new Reading(Kind.ERROR, null, -1, -1, failure, null);
  }

  private static String delta(String delta) {
    return "{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,\"delta\":" + delta
        + ",\"finish_reason\":null}]}";
  }

  @Test
  void openAiChunks() {
    assertEquals(token(TokenKind.ANSWER), openAi(delta("{\"content\":\"Once\"}")));
    assertEquals(Kind.OTHER, openAi(delta("{\"role\":\"assistant\",\"content\":\"\"}")).kind(), "role-only chunk");
    assertEquals(Kind.OTHER, openAi("{\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}").kind());
    assertEquals(new Reading(Kind.USAGE, null, 64, -1, null, null),
        openAi("{\"choices\":[],\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":64,\"total_tokens\":76}}"));
    assertEquals(Kind.TERMINAL, openAi("[DONE]").kind());
  }

  @Test
  void reasoningInEitherFieldRefusalAndLegacyTextAreTokens() {
    assertEquals(token(TokenKind.REASONING), openAi(delta("{\"reasoning_content\":\"Let me think\"}")));
    assertEquals(token(TokenKind.REASONING), openAi(delta("{\"reasoning\":\"Let me think\",\"content\":null}")));
    assertEquals(token(TokenKind.ANSWER), openAi(delta("{\"reasoning_content\":null,\"content\":\"Hi\"}")));
    assertEquals(token(TokenKind.ANSWER), openAi(delta("{\"reasoning\":\"done\",\"content\":\"Hi\"}")),
        "an answer token in the same chunk ends the reasoning");
    assertEquals(token(TokenKind.ANSWER), openAi(delta("{\"refusal\":\"I can't\"}")));
    assertEquals(Kind.OTHER, openAi(delta("{\"reasoning\":{\"effort\":\"low\"},\"content\":\"\"}")).kind(),
        "a reasoning object is no token and does not derail the reading");
    assertEquals(token(TokenKind.ANSWER), openAi("{\"id\":\"cmpl-1\",\"object\":\"text_completion\",\"choices\":[{"
        + "\"text\":\" upon\",\"index\":0,\"logprobs\":null,\"finish_reason\":null}]}"));
    assertEquals(Kind.OTHER, openAi("{\"choices\":[{\"text\":\"\",\"finish_reason\":\"length\"}]}").kind());
  }

  @Test
  void toolCallArgumentPiecesAreTokens() {
    assertEquals(Kind.OTHER, openAi(delta("{\"tool_calls\":[{\"index\":0,\"id\":\"call_1\","
        + "\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"arguments\":\"\"}}]}")).kind(),
        "the chunk naming the function carries none of the call's tokens");
    assertEquals(token(TokenKind.TOOL_CALL),
        openAi(delta("{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"city\\\":\"}}]}")));
    assertEquals(Kind.OTHER, openAi(delta("{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"\"}}]}"))
        .kind());
  }

  @Test
  void usageDetailsTheReasoningTokens() {
    assertEquals(new Reading(Kind.USAGE, null, 50, 30, null, null), openAi("{\"choices\":[],\"usage\":{\"prompt_tokens\":9,"
        + "\"completion_tokens\":50,\"completion_tokens_details\":{\"reasoning_tokens\":30},\"total_tokens\":59}}"));
  }

  @Test
  void contentAndUsageInOneChunkCountBoth() {
    assertEquals(new Reading(Kind.TOKEN, TokenKind.ANSWER, 3, -1, null, null),
        openAi("{\"choices\":[{\"delta\":{\"content\":\" a\"}}],\"usage\":{\"completion_tokens\":3}}"));
  }

  @Test
  void onlyTheFirstChoiceCountsAndNestedFieldsDoNotConfuseIt() {
    assertEquals(Kind.OTHER, openAi("{\"choices\":[{\"delta\":{\"tool_calls\":[{\"content\":\"x\"}]}},"
        + "{\"delta\":{\"content\":\"second\"}}]}").kind());
    assertEquals(token(TokenKind.ANSWER), openAi("{\"choices\":[{\"logprobs\":{\"content\":[]},"
        + "\"delta\":{\"content\":\"x\"}}]}"));
  }

  @Test
  void errorsAndWhatIsNotJson() {
    assertEquals(error("http 429 in an error event: slots busy"),
        openAi("{\"error\":{\"message\":\"slots busy\",\"code\":429}}"));
    assertEquals(error("error event: boom"), openAi("{\"error\":\"boom\"}"));
    assertEquals(Kind.OTHER, openAi("not json").kind());
    assertEquals(Kind.OTHER, openAi("{\"choices\":[{\"delta\":{\"content\":\"cut").kind());
  }

  private static Reading responses(String data) {
    return StreamFormat.RESPONSES_SSE.read(data.substring(9, data.indexOf('"', 9)), data);
  }

  @Test
  void responsesApiEvents() {
    assertEquals(Kind.OTHER, responses("{\"type\":\"response.created\",\"sequence_number\":0,\"response\":{"
        + "\"id\":\"resp_1\",\"status\":\"in_progress\",\"usage\":null}}").kind());
    assertEquals(token(TokenKind.ANSWER), responses("{\"type\":\"response.output_text.delta\",\"sequence_number\":4,"
        + "\"item_id\":\"msg_1\",\"output_index\":0,\"content_index\":0,\"delta\":\"Once\"}"));
    assertEquals(token(TokenKind.REASONING), responses("{\"type\":\"response.reasoning_text.delta\","
        + "\"item_id\":\"rs_1\",\"output_index\":0,\"content_index\":0,\"delta\":\"Hmm\",\"sequence_number\":3}"));
    assertEquals(token(TokenKind.REASONING), responses("{\"type\":\"response.reasoning_summary_text.delta\","
        + "\"delta\":\"**Planning**\",\"summary_index\":0}"));
    assertEquals(Kind.OTHER, responses("{\"type\":\"response.output_item.added\",\"output_index\":0,"
        + "\"item\":{\"type\":\"function_call\",\"id\":\"fc_1\",\"call_id\":\"call_1\",\"name\":\"get_weather\","
        + "\"arguments\":\"\",\"status\":\"in_progress\"}}").kind());
    assertEquals(Kind.OTHER, responses("{\"type\":\"response.output_item.added\",\"item\":{\"type\":\"message\","
        + "\"id\":\"msg_1\",\"content\":[],\"role\":\"assistant\"}}").kind());
    assertEquals(token(TokenKind.TOOL_CALL), responses("{\"type\":\"response.function_call_arguments.delta\","
        + "\"item_id\":\"fc_1\",\"output_index\":0,\"delta\":\"{\\\"city\"}"));
    assertEquals(Kind.OTHER, responses("{\"type\":\"response.output_text.done\",\"text\":\"Once upon\"}").kind());
    assertEquals(new Reading(Kind.TERMINAL, null, 50, 30, null, null), responses("{\"type\":\"response.completed\","
        + "\"response\":{\"id\":\"resp_1\",\"status\":\"completed\",\"output\":[],\"usage\":{\"input_tokens\":9,"
        + "\"output_tokens\":50,\"output_tokens_details\":{\"reasoning_tokens\":30},\"total_tokens\":59}}}"));
    assertEquals(new Reading(Kind.TERMINAL, null, 16, -1, null, null), responses("{\"type\":\"response.incomplete\","
        + "\"response\":{\"incomplete_details\":{\"reason\":\"max_output_tokens\"},\"usage\":{\"output_tokens\":16}}}"));
    assertEquals(error("error event: slots busy"), responses("{\"type\":\"response.failed\",\"response\":{"
        + "\"status\":\"failed\",\"error\":{\"code\":\"server_error\",\"message\":\"slots busy\"}}}"));
    assertEquals(error("error event: Rate limit reached"), responses("{\"type\":\"error\",\"code\":"
        + "\"rate_limit_exceeded\",\"message\":\"Rate limit reached\",\"param\":null,\"sequence_number\":2}"));
  }

  private static Reading messages(String data) {
    return StreamFormat.MESSAGES_SSE.read(data.substring(9, data.indexOf('"', 9)), data);
  }

  @Test
  void anthropicMessagesEvents() {
    assertEquals(Kind.OTHER, messages("{\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\",\"content\":[],"
        + "\"usage\":{\"input_tokens\":25,\"output_tokens\":1}}}").kind(), "message_start's usage is not the reply's");
    assertEquals(Kind.OTHER, messages("{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{"
        + "\"type\":\"text\",\"text\":\"\"}}").kind());
    assertEquals(token(TokenKind.ANSWER), messages("{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{"
        + "\"type\":\"text_delta\",\"text\":\"Hello\"}}"));
    assertEquals(token(TokenKind.REASONING), messages("{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{"
        + "\"thinking\":\"Let me\",\"type\":\"thinking_delta\"}}"), "the delta's type may come after its text");
    assertEquals(Kind.OTHER, messages("{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{"
        + "\"type\":\"signature_delta\",\"signature\":\"EqQB\"}}").kind());
    assertEquals(Kind.OTHER, messages("{\"type\":\"content_block_start\",\"index\":1,"
        + "\"content_block\":{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"get_weather\",\"input\":{}}}")
        .kind());
    assertEquals(token(TokenKind.TOOL_CALL), messages("{\"type\":\"content_block_delta\",\"index\":1,\"delta\":{"
        + "\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"city\\\": \"}}"));
    assertEquals(Kind.OTHER, messages("{\"type\":\"ping\"}").kind());
    assertEquals(new Reading(Kind.USAGE, null, 15, -1, null, null), messages("{\"type\":\"message_delta\",\"delta\":{"
        + "\"stop_reason\":\"end_turn\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":15}}"));
    assertEquals(Kind.TERMINAL, messages("{\"type\":\"message_stop\"}").kind());
    assertEquals(error("http 529 in an error event: overloaded_error: Overloaded"), messages("{\"type\":\"error\","
        + "\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}"));
    assertEquals(error("error event: odd_error: strange"), messages("{\"type\":\"error\",\"error\":{"
        + "\"type\":\"odd_error\",\"message\":\"strange\"}}"));
  }

  @Test
  void chatPlatformEventsAndFrames() {
    assertEquals(token(TokenKind.ANSWER), StreamFormat.CHAT_SSE.read("token", "{\"content\":\"Hi\"}"));
    assertEquals(Kind.OTHER, StreamFormat.CHAT_SSE.read("token", "{\"content\":\"\"}").kind());
    assertEquals(new Reading(Kind.TERMINAL, null, 7, -1, null, null),
        StreamFormat.CHAT_SSE.read("done", "{\"usage\":{\"completion_tokens\":7}}"));
    assertEquals(error("error event: busy"), StreamFormat.CHAT_SSE.read("error", "{\"message\":\"busy\"}"));
    assertEquals(error("http 429 in an error event: slots busy"), StreamFormat.CHAT_WS.read("",
        "{\"type\":\"error\",\"request_id\":\"r\",\"code\":429,\"message\":\"slots busy\",\"retry_after\":1}"));
    assertEquals(token(TokenKind.ANSWER), StreamFormat.CHAT_WS.read("", "{\"type\":\"token\",\"content\":\"Hi\"}"));
    assertEquals(Kind.TERMINAL, StreamFormat.CHAT_WS.read("", "{\"type\":\"done\"}").kind());
    assertEquals(Kind.OTHER, StreamFormat.CHAT_WS.read("", "{\"type\":\"start\"}").kind());
  }
}
