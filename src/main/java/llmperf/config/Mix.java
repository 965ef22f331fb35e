package llmperf.config;

import java.util.Map;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Journey weights in percent.
 *
 * @param workloads share of users per workload (chat, ai-integration, platform)
 * @param journeys per workload, the share of its users per journey
 */
public record Mix(Map<String, Integer> workloads, Map<String, Map<String, Integer>> journeys) {

  public static final Map<String, Set<String>> JOURNEYS_BY_WORKLOAD = Map.of(
      "chat", Set.of("chat-sse", "chat-ws", "conversation"),
      "ai-integration", Set.of("story", "voice", "personality", "subtitles", "health"),
      "platform", Set.of("enhance", "api-keys", "health"));

  /** {@code workload = full}: the whole mix as simulations.conf weighs it. */
  public static final String FULL = "full";
  /**
   * {@code workload = openai}: a bare OpenAI-compatible server (vLLM, Ollama's /v1, LiteLLM, TGI) has only /v1, so
   * only the journey that uses nothing else runs: models, a streamed and a non-streamed completion (story).
   */
  public static final String OPENAI = "openai";
  public static final Set<String> WORKLOADS = new TreeSet<>(List.of(FULL, OPENAI));
  static final Mix OPENAI_ONLY = new Mix(Map.of("chat", 0, "ai-integration", 100, "platform", 0), Map.of(
      "chat", Map.of("chat-sse", 100), "ai-integration", Map.of("story", 100), "platform", Map.of("health", 100)));
}
