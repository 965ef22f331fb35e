package llmperf.suite.endpoints;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import llmperf.config.CompletionApi;
import llmperf.config.TargetConfig;
import llmperf.metrics.StreamFormat;

/**
 * One completion request in the shape of the API the target speaks ({@code target.api}): a system prompt, the turns
 * so far (user and assistant messages, the last one the user's), a token limit, streamed or not, with the tools of
 * {@code target.tools}. Each API's own field names, as its documentation gives them.
 */
final class CompletionBodies {

  /** The arguments every offered tool takes: one string, enough for a model to call it. */
  private static final Map<String, Object> TOOL_PARAMETERS = Map.of("type", "object",
      "properties", Map.of("query", Map.of("type", "string")), "required", List.of("query"));

  private CompletionBodies() {}

  /** How the stream of each API is read. */
  static StreamFormat format(CompletionApi api) {
    return switch (api) {
      case CHAT_COMPLETIONS, COMPLETIONS -> StreamFormat.OPENAI_SSE;
      case RESPONSES -> StreamFormat.RESPONSES_SSE;
      case MESSAGES -> StreamFormat.MESSAGES_SSE;
    };
  }

  /**
   * @param system the system prompt, or null for none
   * @param turns role ("user" or "assistant") and content of each message, oldest first
   * @param ignoreEos ask for exactly maxTokens (vLLM's and llama.cpp's {@code ignore_eos}); sent only to the chat
   *     completions and legacy completions APIs, which those servers take it on
   */
  static String body(TargetConfig target, String system, List<Map<String, String>> turns, int maxTokens,
      boolean stream, boolean ignoreEos) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("model", target.model());
    switch (target.api()) {
      case CHAT_COMPLETIONS -> {
        body.put("messages", withSystem(system, turns));
        body.put("max_tokens", maxTokens);
      }
      case RESPONSES -> {
        if (system != null) {
          body.put("instructions", system);
        }
        body.put("input", turns);
        body.put("max_output_tokens", maxTokens);
      }
      case MESSAGES -> {
        if (system != null) {
          body.put("system", system);
        }
        body.put("messages", turns);
        body.put("max_tokens", maxTokens);
      }
      case COMPLETIONS -> {
        body.put("prompt", transcript(system, turns));
        body.put("max_tokens", maxTokens);
      }
    }
    body.put("stream", stream);
    if (ignoreEos && (target.api() == CompletionApi.CHAT_COMPLETIONS || target.api() == CompletionApi.COMPLETIONS)) {
      body.put("ignore_eos", true);
    }
    if (stream && (target.api() == CompletionApi.CHAT_COMPLETIONS || target.api() == CompletionApi.COMPLETIONS)) {
      body.put("stream_options", Map.of("include_usage", true));
    }
    if (!target.tools().isEmpty() && target.api() != CompletionApi.COMPLETIONS) {
      body.put("tools", target.tools().stream().map(name -> tool(target.api(), name)).toList());
    }
    return JsonBody.of(body);
  }

  /**
   * The characters a one-message request adds to its user prompt that the reference server counts as prompt: the
   * system prompt, and for the legacy API the transcript's framing.
   */
  static int promptOverheadChars(CompletionApi api, String system) {
    return api == CompletionApi.COMPLETIONS ? transcript(system, List.of(Map.of("role", "user", "content", ""))).length()
        : system.length();
  }

  private static List<Map<String, String>> withSystem(String system, List<Map<String, String>> turns) {
    List<Map<String, String>> messages = new ArrayList<>();
    if (system != null) {
      messages.add(Map.of("role", "system", "content", system));
    }
    messages.addAll(turns);
    return messages;
  }

  /** The conversation as one prompt for the legacy API, ending where the assistant speaks next. */
  private static String transcript(String system, List<Map<String, String>> turns) {
    StringBuilder prompt = new StringBuilder(system == null ? "" : system + "\n\n");
    for (Map<String, String> turn : turns) {
      prompt.append(turn.get("role").equals("user") ? "User: " : "Assistant: ").append(turn.get("content"))
          .append('\n');
    }
    return prompt.append("Assistant:").toString();
  }

  private static Map<String, Object> tool(CompletionApi api, String name) {
    String description = "Looks up " + name + " for the user's request.";
    return switch (api) {
      case CHAT_COMPLETIONS -> Map.of("type", "function", "function",
          Map.of("name", name, "description", description, "parameters", TOOL_PARAMETERS));
      case RESPONSES -> Map.of("type", "function", "name", name, "description", description,
          "parameters", TOOL_PARAMETERS);
      case MESSAGES -> Map.of("name", name, "description", description, "input_schema", TOOL_PARAMETERS);
      case COMPLETIONS -> throw new IllegalArgumentException("the legacy completions API takes no tools");
    };
  }
}
