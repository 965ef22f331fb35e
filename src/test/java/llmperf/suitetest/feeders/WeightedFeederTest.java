package llmperf.suitetest.feeders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import llmperf.suite.feeders.Feeders;
import llmperf.suite.feeders.WeightedFeeder;

class WeightedFeederTest {

  /** The rows of data/prompts.csv; outside a Gatling run its csv reader is not available. */
  private static List<Map<String, Object>> promptRows() throws IOException {
    Pattern row = Pattern.compile("^\"?(.*?)\"?,(\\d+),(\\w+),([\\d.]+)$");
    try (InputStream in = WeightedFeederTest.class.getClassLoader().getResourceAsStream(Feeders.PROMPTS)) {
      List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().skip(1).toList();
      List<Map<String, Object>> rows = new ArrayList<>();
      for (String line : lines) {
        Matcher fields = row.matcher(line);
        assertTrue(fields.matches(), line);
        rows.add(Map.of("prompt", fields.group(1), "max_tokens", fields.group(2), "kind", fields.group(3),
            WeightedFeeder.WEIGHT, fields.group(4)));
      }
      return rows;
    }
  }

  @Test
  void thePromptsAreDrawnSixtyThirtyTenByKind() throws IOException {
    WeightedFeeder feeder = new WeightedFeeder(Feeders.PROMPTS, promptRows(), new Random(1));
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
