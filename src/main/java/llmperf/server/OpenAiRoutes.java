package llmperf.server;

import static io.netty.handler.codec.http.HttpMethod.GET;
import static io.netty.handler.codec.http.HttpMethod.POST;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;

/**
 * The OpenAI-compatible API: /v1/models and /v1/chat/completions, streamed in OpenAI's exact chunk format
 * (role chunk, content chunks, finish chunk, optional usage chunk, [DONE]) so the official SDKs work. A reasoning
 * model streams its reasoning first in the field {@link ReasoningSettings} names for it; a request with tools gets a
 * call to its first tool ({@link ToolCall}) instead of content.
 */
final class OpenAiRoutes {

  private final TargetState target;

  OpenAiRoutes(TargetState target) {
    this.target = target;
  }

  void register(Router router) {
    router.add(GET, "/v1/models", Router.Auth.API_KEY, Router.Timing.REST, this::models);
    router.add(POST, "/v1/chat/completions", Router.Auth.API_KEY, Router.Timing.NONE,
        this::completions);
  }

  /** The configured model and every reasoning model, so that a client checking the list finds any it asks for. */
  private void models(Exchange ex) {
    ObjectNode body = Json.object();
    body.put("object", "list");
    ArrayNode data = body.putArray("data");
    Set<String> served = new TreeSet<>(target.settings.reasoning().models().keySet());
    served.remove(target.settings.model());
    data.addObject()
        .put("id", target.settings.model())
        .put("object", "model")
        .put("created", target.startEpochSeconds)
        .put("owned_by", "llmperf");
    for (String model : served) {
      data.addObject().put("id", model).put("object", "model").put("created", target.startEpochSeconds)
          .put("owned_by", "llmperf");
    }
    ex.sendJson(HttpResponseStatus.OK, body);
  }

  /**
   * What a chat completion request asks for, validated.
   *
   * @param reasoning the delta field reasoning streams in, or null for a model that does not reason
   * @param tool the tool the reply calls, or null for a reply with content
   * @param ignoreEos generate exactly maxTokens ({@link #ignoreEos})
   */
  private record ChatRequest(String model, String prompt, int maxTokens, boolean stream,
      boolean includeUsage, ReasoningSettings.Field reasoning, String tool, boolean ignoreEos) {}

  private ChatRequest parse(ObjectNode body) {
    String model = Json.requiredText(body, "model");
    JsonNode messages = body.get("messages");
    if (messages == null || !messages.isArray() || messages.isEmpty()) {
      throw HttpError.badRequest("'messages' must be a non-empty array");
    }
    StringBuilder prompt = new StringBuilder();
    for (JsonNode message : messages) {
      if (!message.isObject() || !message.path("role").isTextual()) {
        throw HttpError.badRequest("each message needs a string 'role'");
      }
      prompt.append(contentText(message.get("content")));
    }
    boolean streaming = streamFlag(body);
    int requested = Json.optionalPositiveInt(body, "max_completion_tokens",
        Json.optionalPositiveInt(body, "max_tokens", 0));
    boolean includeUsage = streaming && body.path("stream_options").path("include_usage").asBoolean();
    String tool = ToolCall.choose(body.get("tools"), "none".equals(body.path("tool_choice").asText()),
        t -> t.path("function").get("name"));
    return new ChatRequest(model, prompt.toString(), target.model.maxTokens(requested), streaming, includeUsage,
        target.settings.reasoning().fieldFor(model), tool, ignoreEos(body));
  }

  /** vLLM's and llama.cpp's {@code ignore_eos}: a benchmark's way to get exactly max_tokens back. */
  static boolean ignoreEos(ObjectNode body) {
    JsonNode flag = body.get("ignore_eos");
    if (flag != null && !flag.isNull() && !flag.isBoolean()) {
      throw HttpError.badRequest("'ignore_eos' must be a boolean");
    }
    return flag != null && flag.booleanValue();
  }

  /** The request's 'stream' flag: absent, null or a boolean. */
  static boolean streamFlag(ObjectNode body) {
    JsonNode stream = body.get("stream");
    if (stream != null && !stream.isNull() && !stream.isBoolean()) {
      throw HttpError.badRequest("'stream' must be a boolean");
    }
    return stream != null && stream.booleanValue();
  }

  /** Content is a string, an array of parts ({"type":"text","text":..}), or null (tool calls). */
  static String contentText(JsonNode content) {
    if (content == null || content.isNull()) {
      return "";
    }
    if (content.isTextual()) {
      return content.textValue();
    }
    if (content.isArray()) {
      StringBuilder text = new StringBuilder();
      for (JsonNode part : content) {
        text.append(part.path("text").asText(""));
      }
      return text.toString();
    }
    throw HttpError.badRequest("message 'content' must be a string or an array of parts");
  }

  private void completions(Exchange ex) {
    ChatRequest request = parse(ex.jsonBody());
    GenerationPlan plan = target.model.plan(ex.random, ex.faults, request.prompt().length(),
        request.maxTokens(), request.stream(), target.settings.reasoning().tokensFor(request.model()),
        target.prefixCache.serve(request.prompt()), request.ignoreEos());
    String id = "chatcmpl-" + ex.sequence;
    long created = System.currentTimeMillis() / 1000;
    if (request.stream()) {
      ChunkSink sink = new ChunkSink(id, created, request, plan);
      if (ex.generate(plan, sink)) {
        sink.out = ex.startEventStream(plan);
      }
    } else {
      ex.generate(plan, new BufferedReply(ex, plan, body -> reply(body, id, created, request, plan)));
    }
  }

  private static String finishReason(ChatRequest request, GenerationPlan plan) {
    if (request.tool() != null) {
      return "tool_calls";
    }
    return plan.hitLength() ? "length" : "stop";
  }

  private static String callId(String id) {
    return "call_" + id.substring(id.indexOf('-') + 1);
  }

  /** The streamed reply: each event is exactly "data: <chunk>\n\n". */
  private static final class ChunkSink extends OpenAiChunkSink {
    private final String choiceTail;
    private final ChatRequest request;
    private final GenerationPlan plan;
    private final String callId;

    ChunkSink(String id, long created, ChatRequest request, GenerationPlan plan) {
      super(id, "chat.completion.chunk", created, request.model(), request.includeUsage());
      this.choiceTail = ",\"logprobs\":null,\"finish_reason\":null}]" + usageNull + "}";
      this.request = request;
      this.plan = plan;
      this.callId = callId(id);
    }

    private void delta(String fields) {
      out.text(StreamWriter.sseData(head + "{\"index\":0,\"delta\":{" + fields + "}" + choiceTail));
    }

    @Override
    public void started() {
      // A reply that calls a tool has no content at all, as OpenAI sends it.
      delta("\"role\":\"assistant\",\"content\":" + (request.tool() == null ? "\"\"" : "null"));
    }

    @Override
    public void reasoning(int index, String text) {
      delta("\"" + request.reasoning().wireName + "\":\"" + text + "\"");
    }

    @Override
    public void token(int index, String text) {
      if (request.tool() == null) {
        // Vocabulary words need no JSON escaping.
        delta("\"content\":\"" + text + "\"");
        return;
      }
      if (index == 0) {
        delta("\"tool_calls\":[{\"index\":0,\"id\":\"" + callId + "\",\"type\":\"function\",\"function\":{\"name\":"
            + Json.quote(request.tool()) + ",\"arguments\":\"\"}}]");
      }
      delta("\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":"
          + Json.quote(ToolCall.piece(plan, index, text)) + "}}]");
    }

    @Override
    public void done(GenerationPlan plan) {
      finish(head + "{\"index\":0,\"delta\":{},\"logprobs\":null,\"finish_reason\":\""
          + finishReason(request, plan) + "\"}]" + usageNull + "}", plan);
    }
  }

  /** The non-streamed reply: one chat.completion object. */
  private static void reply(ObjectNode body, String id, long created, ChatRequest request, GenerationPlan plan) {
    body.put("id", id);
    body.put("object", "chat.completion");
    body.put("created", created);
    body.put("model", request.model());
    ObjectNode choice = body.putArray("choices").addObject();
    choice.put("index", 0);
    ObjectNode message = choice.putObject("message").put("role", "assistant");
    if (request.tool() == null) {
      message.put("content", plan.text());
    } else {
      message.putNull("content");
      message.putArray("tool_calls").addObject()
          .put("id", callId(id))
          .put("type", "function")
          .putObject("function").put("name", request.tool()).put("arguments", ToolCall.arguments(plan));
    }
    if (request.reasoning() != null) {
      message.put(request.reasoning().wireName, plan.reasoningText());
    }
    choice.putNull("logprobs");
    choice.put("finish_reason", finishReason(request, plan));
    body.set("usage", Json.parseObject(plan.usageJson().getBytes(StandardCharsets.UTF_8)));
    body.putNull("system_fingerprint");
  }
}
