package llmperf.server;

import static io.netty.handler.codec.http.HttpMethod.POST;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Anthropic's Messages API, POST /v1/messages: auth by {@code x-api-key} (or the same key as a bearer token, as
 * Anthropic's Java SDK 3.x sends it) with an {@code anthropic-version} header,
 * errors in Anthropic's shape ({@link ErrorShape#ANTHROPIC}), and the stream as Anthropic documents it:
 * message_start, then per content block content_block_start, content_block_delta..., content_block_stop (a ping
 * after the first block's start), then message_delta with the stop reason and usage, and message_stop. A reasoning
 * model (either field of {@link ReasoningSettings}) streams a thinking block first, closed by its signature, unless
 * the request's {@code thinking.type} is "disabled"; a request with tools gets a tool_use block.
 */
final class AnthropicRoutes {

  private final TargetState target;

  AnthropicRoutes(TargetState target) {
    this.target = target;
  }

  void register(Router router) {
    router.add(POST, "/v1/messages", Router.Auth.ANTHROPIC_KEY, Router.Timing.NONE, this::messages);
  }

  /**
   * A request, validated.
   *
   * @param thinking whether the reply starts with a thinking block
   * @param tool the tool the reply uses, or null for a reply with text
   */
  private record Request(String model, String prompt, int maxTokens, boolean stream, boolean thinking,
      String tool) {}

  private Request parse(Exchange ex) {
    if (ex.headers.get("anthropic-version") == null) {
      throw HttpError.badRequest("anthropic-version: header is required");
    }
    ObjectNode body = ex.jsonBody();
    String model = Json.requiredText(body, "model");
    if (body.get("max_tokens") == null) {
      throw HttpError.badRequest("max_tokens: Field required");
    }
    int maxTokens = Json.optionalPositiveInt(body, "max_tokens", 0);
    JsonNode messages = body.get("messages");
    if (messages == null || !messages.isArray() || messages.isEmpty()) {
      throw HttpError.badRequest("messages: must be a non-empty array");
    }
    StringBuilder prompt = new StringBuilder(systemText(body.get("system")));
    for (JsonNode message : messages) {
      if (!message.isObject() || !message.path("role").isTextual()) {
        throw HttpError.badRequest("messages: each message needs a string 'role'");
      }
      prompt.append(OpenAiRoutes.contentText(message.get("content")));
    }
    JsonNode thinking = body.get("thinking");
    if (thinking != null && !thinking.isNull() && !thinking.isObject()) {
      throw HttpError.badRequest("thinking: must be an object");
    }
    boolean thinks = target.settings.reasoning().fieldFor(model) != null
        && !"disabled".equals(body.path("thinking").path("type").asText());
    String tool = ToolCall.choose(body.get("tools"), "none".equals(body.path("tool_choice").path("type").asText()),
        t -> t.get("name"));
    return new Request(model, prompt.toString(), target.model.maxTokens(maxTokens), OpenAiRoutes.streamFlag(body), thinks, tool);
  }

  /** The system prompt: a string or an array of text blocks. */
  private static String systemText(JsonNode system) {
    if (system == null || system.isNull()) {
      return "";
    }
    if (system.isTextual() || system.isArray()) {
      return OpenAiRoutes.contentText(system);
    }
    throw HttpError.badRequest("system: must be a string or an array of text blocks");
  }

  private void messages(Exchange ex) {
    Request request = parse(ex);
    GenerationPlan plan = target.model.plan(ex.random, ex.faults, request.prompt().length(), request.maxTokens(),
        request.stream(), request.thinking() ? target.settings.reasoning().tokens() : 0,
        target.prefixCache.serve(request.prompt()));
    String id = "msg_" + ex.sequence;
    if (request.stream()) {
      EventSink sink = new EventSink(id, request, plan);
      if (ex.generate(plan, sink)) {
        sink.out = ex.startEventStream(plan);
      }
    } else {
      ex.generate(plan, new BufferedReply(ex, plan, body -> {
        message(body, id, request, plan);
        ArrayNode content = body.putArray("content");
        if (request.thinking()) {
          content.addObject().put("type", "thinking").put("thinking", plan.reasoningText())
              .put("signature", signature(id));
        }
        if (request.tool() == null) {
          content.addObject().put("type", "text").put("text", plan.text()).putNull("citations");
        } else {
          ObjectNode use = toolUse(id, request.tool());
          use.putObject("input").put(ToolCall.ARGUMENT, plan.text().substring(1));
          content.add(use);
        }
        body.put("stop_reason", stopReason(request, plan));
        ((ObjectNode) body.get("usage")).put("output_tokens", plan.completionTokens());
      }));
    }
  }

  private static String stopReason(Request request, GenerationPlan plan) {
    if (request.tool() != null) {
      return "tool_use";
    }
    return plan.hitLength() ? "max_tokens" : "end_turn";
  }

  /** A thinking block's signature: opaque to clients, which only hand it back. */
  private static String signature(String id) {
    return Base64.getEncoder().encodeToString(("llmperf-thinking-" + id).getBytes(StandardCharsets.UTF_8));
  }

  private static ObjectNode toolUse(String id, String tool) {
    ObjectNode use = Json.object().put("type", "tool_use").put("id", "toolu_" + id.substring(4)).put("name", tool);
    use.putObject("caller").put("type", "direct");
    return use;
  }

  /** Anthropic counts input tokens after the cached prefix: the whole prompt is input plus cache read. */
  private static int uncachedTokens(GenerationPlan plan) {
    return plan.promptTokens() - plan.cachedTokens();
  }

  /** The Message object's fields but content: as message_start carries it, and the non-streamed reply starts. */
  private static ObjectNode message(ObjectNode body, String id, Request request, GenerationPlan plan) {
    body.put("id", id);
    body.put("type", "message");
    body.put("role", "assistant");
    body.put("model", request.model());
    body.putArray("content");
    body.putNull("stop_reason");
    body.putNull("stop_sequence");
    body.putNull("stop_details");
    body.putNull("container");
    ObjectNode usage = body.putObject("usage");
    usage.put("input_tokens", uncachedTokens(plan));
    usage.put("cache_creation_input_tokens", 0);
    usage.put("cache_read_input_tokens", plan.cachedTokens());
    usage.putNull("cache_creation");
    usage.put("output_tokens", 1);
    usage.putNull("server_tool_use");
    usage.put("service_tier", "standard");
    return body;
  }

  /** The streamed reply: each event is "event: <type>\ndata: <json with the same type>\n\n". */
  private static final class EventSink extends EventStreamSink {
    private static final String DELTA_HEAD = "{\"type\":\"content_block_delta\",\"index\":";

    private final String id;
    private final Request request;
    private final GenerationPlan plan;
    private final int answerIndex;

    EventSink(String id, Request request, GenerationPlan plan) {
      this.id = id;
      this.request = request;
      this.plan = plan;
      this.answerIndex = request.thinking() ? 1 : 0;
    }

    private void event(String type, String data) {
      out.text(StreamWriter.sseEvent(type, data));
    }

    private void event(ObjectNode data) {
      event(data.get("type").textValue(), Json.string(data));
    }

    private void blockStart(int index, ObjectNode block) {
      event(Json.object().put("type", "content_block_start").put("index", index).set("content_block", block));
      if (index == 0) {
        event("ping", "{\"type\":\"ping\"}");
      }
    }

    private void delta(int index, String deltaType, String field, String value) {
      event("content_block_delta", DELTA_HEAD + index + ",\"delta\":{\"type\":\"" + deltaType + "\",\"" + field
          + "\":" + Json.quote(value) + "}}");
    }

    private void blockStop(int index) {
      event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":" + index + "}");
    }

    @Override
    public void started() {
      event(Json.object().put("type", "message_start")
          .set("message", message(Json.object(), id, request, plan)));
    }

    @Override
    public void reasoning(int index, String text) {
      if (index == 0) {
        blockStart(0, Json.object().put("type", "thinking").put("thinking", "").put("signature", ""));
      }
      delta(0, "thinking_delta", "thinking", text);
    }

    @Override
    public void token(int index, String text) {
      if (index == 0) {
        if (request.thinking()) {
          delta(0, "signature_delta", "signature", signature(id));
          blockStop(0);
        }
        if (request.tool() == null) {
          blockStart(answerIndex, Json.object().put("type", "text").put("text", "").putNull("citations"));
        } else {
          ObjectNode use = toolUse(id, request.tool());
          use.putObject("input");
          blockStart(answerIndex, use);
        }
      }
      if (request.tool() == null) {
        delta(answerIndex, "text_delta", "text", text);
      } else {
        delta(answerIndex, "input_json_delta", "partial_json", ToolCall.piece(plan, index, text));
      }
    }

    @Override
    public void done(GenerationPlan finished) {
      blockStop(answerIndex);
      ObjectNode messageDelta = Json.object().put("type", "message_delta");
      messageDelta.putObject("delta").put("stop_reason", stopReason(request, finished)).putNull("stop_sequence")
          .putNull("stop_details").putNull("container");
      messageDelta.putObject("usage").put("input_tokens", uncachedTokens(finished))
          .put("cache_creation_input_tokens", 0).put("cache_read_input_tokens", finished.cachedTokens())
          .put("output_tokens", finished.completionTokens()).putNull("server_tool_use");
      event(messageDelta);
      event("message_stop", "{\"type\":\"message_stop\"}");
      out.end();
    }

    @Override
    public void failed(String reason) {
      event("error", Json.string(ErrorShape.anthropicBody("overloaded_error", reason)));
      out.end();
    }
  }
}
