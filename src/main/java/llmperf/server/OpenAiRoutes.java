package llmperf.server;

import static io.netty.handler.codec.http.HttpMethod.GET;
import static io.netty.handler.codec.http.HttpMethod.POST;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;

/**
 * The OpenAI-compatible API: /v1/models and /v1/chat/completions, streamed in OpenAI's exact chunk format
 * (role chunk, content chunks, finish chunk, optional usage chunk, [DONE]) so the official SDKs work.
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

  private void models(Exchange ex) {
    ObjectNode body = Json.object();
    body.put("object", "list");
    body.putArray("data").addObject()
        .put("id", target.settings.model())
        .put("object", "model")
        .put("created", target.startEpochSeconds)
        .put("owned_by", "llmperf");
    ex.sendJson(HttpResponseStatus.OK, body);
  }

  /** What a chat completion request asks for, validated. */
  private record ChatRequest(String model, long promptChars, int maxTokens, boolean stream,
      boolean includeUsage) {}

  private ChatRequest parse(ObjectNode body) {
    String model = Json.requiredText(body, "model");
    JsonNode messages = body.get("messages");
    if (messages == null || !messages.isArray() || messages.isEmpty()) {
      throw HttpError.badRequest("'messages' must be a non-empty array");
    }
    long chars = 0;
    for (JsonNode message : messages) {
      if (!message.isObject() || !message.path("role").isTextual()) {
        throw HttpError.badRequest("each message needs a string 'role'");
      }
      chars += contentChars(message.get("content"));
    }
    JsonNode stream = body.get("stream");
    if (stream != null && !stream.isNull() && !stream.isBoolean()) {
      throw HttpError.badRequest("'stream' must be a boolean");
    }
    int requested = Json.optionalPositiveInt(body, "max_completion_tokens",
        Json.optionalPositiveInt(body, "max_tokens", 0));
    boolean streaming = stream != null && stream.booleanValue();
    boolean includeUsage = streaming && body.path("stream_options").path("include_usage").asBoolean();
    return new ChatRequest(model, chars, target.model.maxTokens(requested), streaming, includeUsage);
  }

  /** Content is a string, an array of parts ({"type":"text","text":..}), or null (tool calls). */
  private static long contentChars(JsonNode content) {
    if (content == null || content.isNull()) {
      return 0;
    }
    if (content.isTextual()) {
      return content.textValue().length();
    }
    if (content.isArray()) {
      long chars = 0;
      for (JsonNode part : content) {
        chars += part.path("text").asText("").length();
      }
      return chars;
    }
    throw HttpError.badRequest("message 'content' must be a string or an array of parts");
  }

  private void completions(Exchange ex) {
    ChatRequest request = parse(ex.jsonBody());
    GenerationPlan plan = target.model.plan(ex.random, ex.faults, request.promptChars(),
        request.maxTokens(), request.stream());
    String id = "chatcmpl-" + ex.sequence;
    long created = System.currentTimeMillis() / 1000;
    if (request.stream()) {
      ChunkSink sink = new ChunkSink(id, created, request.model(), request.includeUsage());
      if (admit(ex, plan, sink)) {
        sink.out = ex.startEventStream(plan);
      }
    } else {
      admit(ex, plan, new CompletionSink(ex, id, created, request.model(), plan));
    }
  }

  private boolean admit(Exchange ex, GenerationPlan plan, GenerationSink sink) {
    if (new Generation(ex.channel, target.pool, target.model, plan, sink, ex.trace).admit()) {
      return true;
    }
    ex.send(JsonErrors.poolFull(target.settings.retryAfter()));
    return false;
  }

  private static String finishReason(GenerationPlan plan) {
    return plan.hitLength() ? "length" : "stop";
  }

  /** The streamed reply: each event is exactly "data: <chunk>\n\n". */
  private static final class ChunkSink extends EventStreamSink {
    private final String head;
    private final String choiceTail;
    private final String usageNull;

    ChunkSink(String id, long created, String model, boolean includeUsage) {
      // Every chunk shares id, created and model; built once, the per-token work is concatenation.
      this.head = "{\"id\":\"" + id + "\",\"object\":\"chat.completion.chunk\",\"created\":" + created
          + ",\"model\":" + Json.quote(model) + ",\"system_fingerprint\":null,\"choices\":[";
      this.usageNull = includeUsage ? ",\"usage\":null" : "";
      this.choiceTail = ",\"logprobs\":null,\"finish_reason\":null}]" + usageNull + "}";
    }

    @Override
    public void started() {
      out.text(StreamWriter.sseData(
          head + "{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"}" + choiceTail));
    }

    @Override
    public void token(int index, String text) {
      // Vocabulary words need no JSON escaping.
      out.text(StreamWriter.sseData(
          head + "{\"index\":0,\"delta\":{\"content\":\"" + text + "\"}" + choiceTail));
    }

    @Override
    public void done(GenerationPlan plan) {
      out.text(StreamWriter.sseData(head + "{\"index\":0,\"delta\":{},\"logprobs\":null,"
          + "\"finish_reason\":\"" + finishReason(plan) + "\"}]" + usageNull + "}"));
      if (!usageNull.isEmpty()) {
        out.text(StreamWriter.sseData(head + "],\"usage\":" + plan.usageJson() + "}"));
      }
      out.text(StreamWriter.sseData("[DONE]"));
      out.end();
    }

    @Override
    public void failed(String reason) {
      out.text(StreamWriter.sseData(Json.string(JsonErrors.body(
          HttpResponseStatus.SERVICE_UNAVAILABLE, "server_error", reason))));
      out.end();
    }
  }

  /** The non-streamed reply: one chat.completion object once the last token is generated. */
  private static final class CompletionSink implements GenerationSink {
    private final Exchange ex;
    private final String id;
    private final long created;
    private final String model;
    private final String prefillMillis;

    CompletionSink(Exchange ex, String id, long created, String model, GenerationPlan plan) {
      this.ex = ex;
      this.id = id;
      this.created = created;
      this.model = model;
      this.prefillMillis = Exchange.millis(plan.prefillNanos());
    }

    @Override
    public void started() {
      // Nothing is sent before the whole reply is ready.
    }

    @Override
    public void token(int index, String text) {
      // The plan holds the text; it is read once at the end.
    }

    @Override
    public void done(GenerationPlan plan) {
      ObjectNode body = Json.object();
      body.put("id", id);
      body.put("object", "chat.completion");
      body.put("created", created);
      body.put("model", model);
      ArrayNode choices = body.putArray("choices");
      ObjectNode choice = choices.addObject();
      choice.put("index", 0);
      choice.putObject("message").put("role", "assistant").put("content", plan.text());
      choice.putNull("logprobs");
      choice.put("finish_reason", finishReason(plan));
      body.putObject("usage")
          .put("prompt_tokens", plan.promptTokens())
          .put("completion_tokens", plan.completionTokens())
          .put("total_tokens", plan.promptTokens() + plan.completionTokens());
      body.putNull("system_fingerprint");
      FullHttpResponse resp = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
          Unpooled.wrappedBuffer(Json.bytes(body)));
      resp.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
      resp.headers().set(EmbeddedTarget.PREFILL_HEADER, prefillMillis);
      ex.send(resp);
    }

    @Override
    public void truncated() {
      throw new IllegalStateException("non-streamed plans are never truncated");
    }

    @Override
    public void dropped() {
      ex.channel.close();
    }

    @Override
    public void failed(String reason) {
      ex.send(JsonErrors.response(HttpResponseStatus.SERVICE_UNAVAILABLE, "server_error", reason));
    }
  }
}
