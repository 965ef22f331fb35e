package llmperf.suitetest.journeys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import llmperf.config.Mix;
import llmperf.config.SuiteConfig;
import org.junit.jupiter.api.Test;
import llmperf.suite.journeys.MixChain;
import llmperf.suite.journeys.WeightedRoundRobin;

class MixChainTest {

  private final Mix mix = SuiteConfig.load(Map.of(), Map.of()).mix();

  @Test
  void theDefaultMixGivesEachJourneyItsWorkloadShareTimesItsWeight() {
    Map<String, Integer> shares = MixChain.shares(mix);
    assertEquals(40 * 70, shares.get("chat-sse"));
    assertEquals(40 * 35, shares.get("story"));
    assertEquals(40 * 5 + 20 * 10, shares.get("health"), "health belongs to two workloads");
    assertEquals(10_000, shares.values().stream().mapToInt(Integer::intValue).sum());
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
