package llmperf.suitetest.journeys;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import llmperf.config.ConfigError;
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

  @Test
  void theMixAndTheDeclaredJourneysMustNameTheSameOnes() {
    Set<String> declared = MixChain.shares(mix).keySet().stream().collect(Collectors.toCollection(TreeSet::new));
    declared.add("conversation");
    assertDoesNotThrow(() -> MixChain.requireSameJourneys(mix, declared));

    Set<String> withoutVoice = new TreeSet<>(declared);
    withoutVoice.remove("voice");
    ConfigError undeclared = assertThrows(ConfigError.class, () -> MixChain.requireSameJourneys(mix, withoutVoice));
    assertTrue(undeclared.getMessage().startsWith("mix.ai-integration.voice names no journey of the suite: expected"
        + " one of api-keys, "), undeclared.getMessage());

    Set<String> withSummarise = new TreeSet<>(declared);
    withSummarise.add("summarise");
    ConfigError unmixed = assertThrows(ConfigError.class, () -> MixChain.requireSameJourneys(mix, withSummarise));
    assertEquals("journey summarise is in no workload of the mix: add it to one in simulations.conf"
        + " (mix.WORKLOAD.summarise = 0 declares it without drawing it)", unmixed.getMessage());
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
