package llmperf.suitetest.journeys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import llmperf.config.Mix;
import org.junit.jupiter.api.Test;
import llmperf.suite.journeys.MixChain;
import llmperf.suite.journeys.WeightedRoundRobin;

class MixChainTest {

  /** The weights these checks depend on, set here rather than read from the shipped simulations.conf. */
  private final Mix mix = new Mix(Map.of("chat", 40, "ai-integration", 40, "platform", 20), Map.of(
      "chat", Map.of("chat-sse", 70, "chat-ws", 30, "conversation", 0),
      "ai-integration", Map.of("story", 35, "voice", 25, "personality", 20, "subtitles", 15, "health", 5),
      "platform", Map.of("enhance", 60, "api-keys", 30, "health", 10)));

  @Test
  void eachJourneyGetsItsWorkloadShareTimesItsShareOfTheWorkload() {
    Map<String, Integer> shares = MixChain.shares(mix);
    assertEquals(400_000 * 70 / 100, shares.get("chat-sse"));
    assertEquals(400_000 * 35 / 100, shares.get("story"));
    assertEquals(400_000 * 5 / 100 + 200_000 * 10 / 100, shares.get("health"), "health belongs to two workloads");
    assertEquals(1_000_000, shares.values().stream().mapToInt(Integer::intValue).sum());
    assertTrue(!shares.containsKey("conversation"), "a weight of 0 keeps a journey out");
  }

  /** Weights are relative: a journey added with a weight of its own needs no other weight changed. */
  @Test
  void weightsAreRelativeToTheOthersOfTheirLevel() {
    Mix halved = new Mix(Map.of("chat", 2, "ai-integration", 2, "platform", 1), Map.of(
        "chat", Map.of("chat-sse", 7, "chat-ws", 3, "conversation", 0),
        "ai-integration", Map.of("story", 7, "voice", 5, "personality", 4, "subtitles", 3, "health", 1),
        "platform", Map.of("enhance", 6, "api-keys", 3, "health", 1)));
    assertEquals(MixChain.shares(mix), MixChain.shares(halved));
  }

  @Test
  void everyJourneyComesUpInItsExactProportionAndEvenTheSmallestEarly() {
    WeightedRoundRobin picker = new WeightedRoundRobin(MixChain.shares(mix));
    Map<String, Integer> firstHundred = new HashMap<>();
    for (int i = 0; i < 100; i++) {
      firstHundred.merge(picker.next(), 1, Integer::sum);
    }
    assertEquals(28, firstHundred.get("chat-sse"));
    assertEquals(14, firstHundred.get("story"));
    assertEquals(4, firstHundred.get("health"));
    WeightedRoundRobin fresh = new WeightedRoundRobin(MixChain.shares(mix));
    Map<String, Integer> firstThirty = new HashMap<>();
    for (int i = 0; i < 30; i++) {
      firstThirty.merge(fresh.next(), 1, Integer::sum);
    }
    assertEquals(MixChain.shares(mix).keySet(), firstThirty.keySet(), "all nine journeys within 30 users");
    assertTrue(firstThirty.get("chat-sse") >= 8);
  }
}
