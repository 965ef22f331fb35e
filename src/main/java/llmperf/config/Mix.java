package llmperf.config;

import java.util.Map;
import java.util.Set;

/**
 * Journey weights in percent.
 *
 * @param workloads share of users per workload (chat, ai-integration, platform)
 * @param journeys per workload, the share of its users per journey
 */
public record Mix(Map<String, Integer> workloads, Map<String, Map<String, Integer>> journeys) {

  public static final Map<String, Set<String>> JOURNEYS_BY_WORKLOAD = Map.of(
      "chat", Set.of("chat-sse", "chat-ws"),
      "ai-integration", Set.of("story", "voice", "personality", "subtitles", "health"),
      "platform", Set.of("enhance", "api-keys", "health"));
}
