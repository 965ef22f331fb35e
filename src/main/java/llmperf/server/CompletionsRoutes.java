package llmperf.server;

import static io.netty.handler.codec.http.HttpMethod.POST;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;

/**
 * OpenAI's legacy completions, POST /v1/completions, as vLLM's own benchmark drives it: {@code choices[].text}
 * chunks of object "text_completion", a finish chunk, a usage chunk when {@code stream_options.include_usage}, then
 * [DONE]. A prompt given as an array of strings is read as one prompt and answered with one choice: the load a
 * batch of prompts makes is not what this target models.
 */
final class CompletionsRoutes {

  private final TargetState target;

  CompletionsRoutes(TargetState target) {
    this.target = target;
  }

  void register(Router router) {
    router.add(POST, "/v1/completions", Router.Auth.API_KEY, Router.Timing.NONE, this::complete);
  }

  private record Request(String model, String prompt, int maxTokens, boolean stream, boolean includeUsage,
      boolean ignoreEos) {}

  private Request parse(ObjectNode body) {
    String model = Json.requiredText(body, "model");
    boolean streaming = OpenAiRoutes.streamFlag(body);
    return new Request(model, promptText(body.get("prompt")),
        target.model.maxTokens(Json.optionalPositiveInt(body, "max_tokens", 0)), streaming,
        streaming && body.path("stream_options").path("include_usage").asBoolean(), OpenAiRoutes.ignoreEos(body));
  }

  private static String promptText(JsonNode prompt) {
    if (prompt != null && prompt.isTextual()) {
      return prompt.textValue();
    }
    if (prompt != null && prompt.isArray() && !prompt.isEmpty()) {
      StringBuilder text = new StringBuilder();
      for (JsonNode part : prompt) {
        if (!part.isTextual()) {
          throw HttpError.badRequest("'prompt' must be a string or an array of strings");
        }
        text.append(part.textValue());
      }
      return text.toString();
    }
    throw HttpError.badRequest("'prompt' is required: a string or a non-empty array of strings");
  }

  private void complete(Exchange ex) {
    Request request = parse(ex.jsonBody());
    GenerationPlan plan = target.model.plan(ex.random, ex.faults, request.prompt().length(), request.maxTokens(),
        request.stream(), 0, target.prefixCache.serve(request.prompt()), request.ignoreEos());
    String id = "cmpl-" + ex.sequence;
    long created = System.currentTimeMillis() / 1000;
    if (request.stream()) {
      ChunkSink sink = new ChunkSink(id, created, request);
      if (ex.generate(plan, sink)) {
        sink.out = ex.startEventStream(plan);
      }
    } else {
      ex.generate(plan, new BufferedReply(ex, plan, body -> {
        body.put("id", id);
        body.put("object", "text_completion");
        body.put("created", created);
        body.put("model", request.model());
        body.putArray("choices").addObject()
            .put("text", plan.text())
            .put("index", 0)
            .putNull("logprobs")
            .put("finish_reason", finishReason(plan));
        body.set("usage", Json.parseObject(plan.usageJson().getBytes(StandardCharsets.UTF_8)));
      }));
    }
  }

  private static String finishReason(GenerationPlan plan) {
    return plan.hitLength() ? "length" : "stop";
  }

  /** The streamed reply: each event is exactly "data: <chunk>\n\n". */
  private static final class ChunkSink extends OpenAiChunkSink {

    ChunkSink(String id, long created, Request request) {
      super(id, "text_completion", created, request.model(), request.includeUsage());
    }

    private String choice(String text, String finishReason) {
      return head + "{\"text\":\"" + text + "\",\"index\":0,\"logprobs\":null,\"finish_reason\":" + finishReason
          + "}]" + usageNull + "}";
    }

    @Override
    public void started() {
      // Legacy completions have no role chunk: the first event is the first token.
    }

    @Override
    public void token(int index, String text) {
      // Vocabulary words need no JSON escaping.
      out.text(StreamWriter.sseData(choice(text, "null")));
    }

    @Override
    public void done(GenerationPlan plan) {
      finish(choice("", "\"" + finishReason(plan) + "\""), plan);
    }
  }
}
