package llmperf.config;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Journey weights as simulations.conf's mix declares them: which workloads there are, which journeys each holds, and
 * their weights, each relative to the others of its level (they need not add up to 100).
 *
 * @param workloads weight of each workload
 * @param journeys per workload, the weight of each of its journeys
 */
public record Mix(Map<String, Integer> workloads, Map<String, Map<String, Integer>> journeys) {

  /** {@code workload = full}: the whole mix as simulations.conf weighs it. */
  public static final String FULL = "full";
  /**
   * {@code workload = openai}: a bare OpenAI-compatible server (vLLM, Ollama's /v1, LiteLLM, TGI) has only /v1, so
   * only the journey that uses nothing else runs: models, a streamed and a non-streamed completion (story).
   */
  public static final String OPENAI = "openai";
  public static final Set<String> WORKLOADS = new TreeSet<>(List.of(FULL, OPENAI));
  /** Every journey the mix names, in any workload, drawn or not (a weight of 0 keeps a journey out of the mix). */
  public Set<String> journeyNames() {
    Set<String> names = new TreeSet<>();
    journeys.values().forEach(weights -> names.addAll(weights.keySet()));
    return names;
  }

  static final Mix OPENAI_ONLY = new Mix(Map.of("chat", 0, "ai-integration", 100, "platform", 0), Map.of(
      "chat", Map.of("chat-sse", 100), "ai-integration", Map.of("story", 100), "platform", Map.of("health", 100)));
}
