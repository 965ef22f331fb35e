package llmperf.server;

import static io.netty.handler.codec.http.HttpMethod.POST;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * OpenAI's Responses API, POST /v1/responses, streamed as OpenAI documents it: named events whose data carry their
 * {@code type} and a {@code sequence_number} counted from 0. A reasoning model's reasoning is a {@code reasoning}
 * output item streamed as {@code response.reasoning_text.delta} (the raw reasoning, as open-weight servers stream
 * it, not a summary); a request with function tools gets a {@code function_call} item whose arguments stream as
 * {@code response.function_call_arguments.delta}; an answer cut by max_output_tokens ends with
 * {@code response.incomplete}; a failure with {@code response.failed}.
 */
final class ResponsesRoutes {

  private final TargetState target;

  ResponsesRoutes(TargetState target) {
    this.target = target;
  }

  void register(Router router) {
    router.add(POST, "/v1/responses", Router.Auth.API_KEY, Router.Timing.NONE, this::respond);
  }

  /**
   * A request, validated.
   *
   * @param instructions the system prompt, or null
   * @param reasoning whether the model reasons (the Responses API has one reasoning event whatever the field)
   * @param tool the function the reply calls, or null for a reply with text
   */
  private record Request(String model, String instructions, String prompt, int maxTokens, boolean stream,
      boolean reasoning, String tool) {}

  private Request parse(ObjectNode body) {
    String model = Json.requiredText(body, "model");
    String instructions = Json.optionalText(body, "instructions");
    String prompt = (instructions == null ? "" : instructions) + inputText(body.get("input"));
    String tool = ToolCall.choose(body.get("tools"), "none".equals(body.path("tool_choice").asText()),
        t -> t.get("name"));
    return new Request(model, instructions, prompt,
        target.model.maxTokens(Json.optionalPositiveInt(body, "max_output_tokens", 0)),
        OpenAiRoutes.streamFlag(body), target.settings.reasoning().fieldFor(model) != null, tool);
  }

  /** Input is a string or a list of items: messages with content (a string or parts), or tool outputs. */
  private static String inputText(JsonNode input) {
    if (input == null || input.isNull()) {
      throw HttpError.badRequest("'input' is required: a string or an array of input items");
    }
    if (input.isTextual()) {
      return input.textValue();
    }
    if (!input.isArray()) {
      throw HttpError.badRequest("'input' must be a string or an array of input items");
    }
    StringBuilder text = new StringBuilder();
    for (JsonNode item : input) {
      if (!item.isObject()) {
        throw HttpError.badRequest("each input item must be an object");
      }
      text.append(item.has("content") ? OpenAiRoutes.contentText(item.get("content"))
          : item.path("output").asText("") + item.path("arguments").asText(""));
    }
    return text.toString();
  }

  private void respond(Exchange ex) {
    Request request = parse(ex.jsonBody());
    GenerationPlan plan = target.model.plan(ex.random, ex.faults, request.prompt().length(), request.maxTokens(),
        request.stream(), request.reasoning() ? target.settings.reasoning().tokens() : 0,
        target.prefixCache.serve(request.prompt()));
    Ids ids = new Ids(ex.sequence, System.currentTimeMillis() / 1000);
    if (request.stream()) {
      EventSink sink = new EventSink(ids, request, plan);
      if (ex.generate(plan, sink)) {
        sink.out = ex.startEventStream(plan);
      }
    } else {
      ex.generate(plan, new BufferedReply(ex, plan, body -> {
        ArrayNode output = Json.MAPPER.createArrayNode();
        if (request.reasoning()) {
          output.add(reasoningItem(ids, plan.reasoningText()));
        }
        output.add(answerItem(ids, request, plan, status(request, plan)));
        response(body, ids, request, status(request, plan), output, plan);
      }));
    }
  }

  /** The ids of one response and its items, all from the request's sequence number. */
  private record Ids(long sequence, long createdAt) {
    String response() {
      return "resp_" + sequence;
    }

    String reasoning() {
      return "rs_" + sequence;
    }

    String message() {
      return "msg_" + sequence;
    }

    String functionCall() {
      return "fc_" + sequence;
    }

    String callId() {
      return "call_" + sequence;
    }
  }

  /** An answer cut by max_output_tokens is incomplete; a tool call's arguments are always whole. */
  private static String status(Request request, GenerationPlan plan) {
    return request.tool() == null && plan.hitLength() ? "incomplete" : "completed";
  }

  /** The Response object, with every field the SDKs require; usage only once the generation is over. */
  private static ObjectNode response(ObjectNode body, Ids ids, Request request, String status, ArrayNode output,
      GenerationPlan finished) {
    body.put("id", ids.response());
    body.put("object", "response");
    body.put("created_at", ids.createdAt());
    body.put("status", status);
    body.putNull("error");
    if (status.equals("incomplete")) {
      body.putObject("incomplete_details").put("reason", "max_output_tokens");
    } else {
      body.putNull("incomplete_details");
    }
    body.put("instructions", request.instructions());
    body.put("max_output_tokens", request.maxTokens());
    body.put("model", request.model());
    body.set("output", output);
    body.put("parallel_tool_calls", true);
    body.putNull("previous_response_id");
    body.putObject("reasoning").putNull("effort").putNull("summary");
    body.put("store", false);
    body.put("temperature", 1.0);
    body.putObject("text").putObject("format").put("type", "text");
    body.put("tool_choice", "auto");
    ArrayNode tools = body.putArray("tools");
    if (request.tool() != null) {
      tools.addObject().put("type", "function").put("name", request.tool()).putNull("parameters").put("strict", false);
    }
    body.put("top_p", 1.0);
    body.put("truncation", "disabled");
    if (finished == null) {
      body.putNull("usage");
    } else {
      ObjectNode usage = body.putObject("usage");
      usage.put("input_tokens", finished.promptTokens());
      usage.putObject("input_tokens_details").put("cached_tokens", finished.cachedTokens())
          .put("cache_write_tokens", 0);
      usage.put("output_tokens", finished.completionTokens());
      usage.putObject("output_tokens_details").put("reasoning_tokens", finished.reasoningTokens());
      usage.put("total_tokens", finished.promptTokens() + finished.completionTokens());
    }
    body.putNull("user");
    body.putObject("metadata");
    return body;
  }

  private static ObjectNode reasoningItem(Ids ids, String text) {
    ObjectNode item = Json.object().put("id", ids.reasoning()).put("type", "reasoning");
    item.putArray("summary");
    ArrayNode content = item.putArray("content");
    if (text != null) {
      content.addObject().put("type", "reasoning_text").put("text", text);
    }
    return item;
  }

  /** The answer's item: a message, or the function call; {@code plan} null while it is still being generated. */
  private static ObjectNode answerItem(Ids ids, Request request, GenerationPlan plan, String status) {
    if (request.tool() != null) {
      return Json.object().put("id", ids.functionCall()).put("type", "function_call").put("status", status)
          .put("arguments", plan == null ? "" : ToolCall.arguments(plan)).put("call_id", ids.callId())
          .put("name", request.tool());
    }
    ObjectNode item = Json.object().put("id", ids.message()).put("type", "message").put("status", status)
        .put("role", "assistant");
    ArrayNode content = item.putArray("content");
    if (plan != null) {
      content.add(outputText(plan.text()));
    }
    return item;
  }

  private static ObjectNode outputText(String text) {
    ObjectNode part = Json.object().put("type", "output_text").put("text", text);
    part.putArray("annotations");
    part.putArray("logprobs");
    return part;
  }

  /** The streamed reply: each event is "event: <type>\ndata: <json with the same type>\n\n". */
  private static final class EventSink extends EventStreamSink {
    private final Ids ids;
    private final Request request;
    private final GenerationPlan plan;
    private final int answerIndex;
    private final ArrayNode output = Json.MAPPER.createArrayNode();
    private int sequence;

    EventSink(Ids ids, Request request, GenerationPlan plan) {
      this.ids = ids;
      this.request = request;
      this.plan = plan;
      this.answerIndex = request.reasoning() ? 1 : 0;
    }

    /** Writes an event built as JSON: its type and sequence number first, as OpenAI orders them. */
    private void event(String type, ObjectNode fields) {
      ObjectNode data = Json.object().put("type", type).put("sequence_number", sequence++);
      data.setAll(fields);
      out.text(StreamWriter.sseEvent(type, Json.string(data)));
    }

    /** Writes a delta event, built by concatenation: it is the per-token hot path. */
    private void delta(String type, String itemId, int outputIndex, String contentIndex, String token) {
      out.text(StreamWriter.sseEvent(type, "{\"type\":\"" + type + "\",\"sequence_number\":" + sequence++
          + ",\"item_id\":\"" + itemId + "\",\"output_index\":" + outputIndex + contentIndex
          + ",\"delta\":" + Json.quote(token)
          + (type.equals("response.output_text.delta") ? ",\"logprobs\":[]}" : "}")));
    }

    private ObjectNode at(String itemId, int outputIndex) {
      return Json.object().put("item_id", itemId).put("output_index", outputIndex);
    }

    private void responseEvent(String type, String status, GenerationPlan finished) {
      event(type, Json.object().set("response",
          response(Json.object(), ids, request, status, output.deepCopy(), finished)));
    }

    private void itemAdded(int outputIndex, ObjectNode item) {
      event("response.output_item.added", Json.object().put("output_index", outputIndex).set("item", item));
    }

    private void itemDone(int outputIndex, ObjectNode item) {
      output.add(item);
      event("response.output_item.done", Json.object().put("output_index", outputIndex).set("item", item));
    }

    private void part(String type, String itemId, int outputIndex, ObjectNode part) {
      event(type, at(itemId, outputIndex).put("content_index", 0).set("part", part));
    }

    @Override
    public void started() {
      responseEvent("response.created", "in_progress", null);
      responseEvent("response.in_progress", "in_progress", null);
    }

    @Override
    public void reasoning(int index, String text) {
      if (index == 0) {
        itemAdded(0, reasoningItem(ids, null));
        part("response.content_part.added", ids.reasoning(), 0,
            Json.object().put("type", "reasoning_text").put("text", ""));
      }
      delta("response.reasoning_text.delta", ids.reasoning(), 0, ",\"content_index\":0", text);
    }

    private void reasoningDone() {
      String text = plan.reasoningText();
      event("response.reasoning_text.done", at(ids.reasoning(), 0).put("content_index", 0).put("text", text));
      part("response.content_part.done", ids.reasoning(), 0,
          Json.object().put("type", "reasoning_text").put("text", text));
      itemDone(0, reasoningItem(ids, text));
    }

    @Override
    public void token(int index, String text) {
      if (index == 0) {
        if (request.reasoning()) {
          reasoningDone();
        }
        itemAdded(answerIndex, answerItem(ids, request, null, "in_progress"));
        if (request.tool() == null) {
          part("response.content_part.added", ids.message(), answerIndex, outputText(""));
        }
      }
      if (request.tool() == null) {
        delta("response.output_text.delta", ids.message(), answerIndex, ",\"content_index\":0", text);
      } else {
        delta("response.function_call_arguments.delta", ids.functionCall(), answerIndex, "",
            ToolCall.piece(plan, index, text));
      }
    }

    @Override
    public void done(GenerationPlan finished) {
      String status = status(request, finished);
      if (request.tool() == null) {
        String text = finished.text();
        ObjectNode textDone = at(ids.message(), answerIndex).put("content_index", 0).put("text", text);
        textDone.putArray("logprobs");
        event("response.output_text.done", textDone);
        part("response.content_part.done", ids.message(), answerIndex, outputText(text));
      } else {
        event("response.function_call_arguments.done", at(ids.functionCall(), answerIndex)
            .put("name", request.tool()).put("arguments", ToolCall.arguments(finished)));
      }
      itemDone(answerIndex, answerItem(ids, request, finished, status));
      responseEvent(status.equals("completed") ? "response.completed" : "response.incomplete", status, finished);
      out.end();
    }

    @Override
    public void failed(String reason) {
      ObjectNode failed = response(Json.object(), ids, request, "failed", output.deepCopy(), null);
      failed.putObject("error").put("code", "server_error").put("message", reason);
      event("response.failed", Json.object().set("response", failed));
      out.end();
    }
  }
}
