package llmperf.suitetest.feeders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import llmperf.data.FeederData;
import org.junit.jupiter.api.Test;
import llmperf.suite.feeders.Feeders;
import llmperf.suite.feeders.WeightedFeeder;

class WeightedFeederTest {

  @Test
  void thePromptsAreDrawnSixtyThirtyTenByKind() {
    WeightedFeeder feeder = new WeightedFeeder(Feeders.PROMPTS, FeederData.shipped().prompts(), new Random(1));
    Map<String, Integer> drawn = new HashMap<>();
    int draws = 100_000;
    for (int i = 0; i < draws; i++) {
      drawn.merge(String.valueOf(feeder.next().get("kind")), 1, Integer::sum);
    }
    assertEquals(0.60, drawn.get("short") / (double) draws, 0.01);
    assertEquals(0.30, drawn.get("medium") / (double) draws, 0.01);
    assertEquals(0.10, drawn.get("story") / (double) draws, 0.01);
  }

  @Test
  void aRowWithWeightZeroIsNeverDrawnAndTheFeederNeverRunsDry() {
    WeightedFeeder feeder = new WeightedFeeder("rows", List.of(
        Map.of("name", "never", WeightedFeeder.WEIGHT, "0"),
        Map.of("name", "always", WeightedFeeder.WEIGHT, "2.5")), new Random(2));
    for (int i = 0; i < 10_000; i++) {
      assertTrue(feeder.hasNext());
      assertEquals("always", feeder.next().get("name"));
    }
  }

  @Test
  void aBadWeightNamesTheSourceAndTheRow() {
    IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> new WeightedFeeder("data/x.csv",
        List.of(Map.of(WeightedFeeder.WEIGHT, "1"), Map.of(WeightedFeeder.WEIGHT, "heavy")), new Random()));
    assertEquals("data/x.csv row 2: weight = heavy: expected a number of 0 or more", error.getMessage());
  }
}
