package llmperf.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import llmperf.signoff.analysis.Summary;
import llmperf.suite.simulations.Steady;
import llmperf.support.GatlingRun;
import llmperf.support.SchedulingNoise;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A compressed Steady on a calm generator keeps its schedule: journeys start within 10 ms of when Gatling's plan made
 * them due (p99), as many start per second as were asked for, and summary.json and the sign-off say so.
 */
class ScheduleFidelityIT {

  private static GatlingRun.Outcome steady;
  /** The machine's worst wake-up lateness during the run, in ms: a start waits for it like any timer. */
  private static double lateMs;

  @BeforeAll
  static void runSteady() throws InterruptedException {
    try (SchedulingNoise noise = SchedulingNoise.start()) {
      steady = GatlingRun.run(Steady.class, Map.of("workload", "openai", "scales.ci.steady.rate", "20",
          "embedded-target.generation.slots", "64", "embedded-target.generation.queue", "256"));
      lateMs = noise.maxNanos() / 1e6;
    }
  }

  @Test
  void journeysStartWhenTheyAreDueAndAtTheRateAskedFor() {
    Summary.Generator generator = steady.signOff().generator();
    assertTrue(generator.scheduleDelayP99Ms() < 10 + lateMs, generator.toString());
    assertTrue(generator.scheduleDelayP50Ms() <= generator.scheduleDelayP99Ms());
    assertEquals(130 / 7.0, generator.requestedRatePerSec(), 0.01, "10 users in a 1 s ramp to 20/s, 120 in 6 s at it");
    assertEquals(100, generator.achievedRatePercent(), 3, generator.toString());
    assertFalse(generator.verdict().contains("schedule delay"), generator.verdict());
  }

  @Test
  void summaryJsonCarriesTheScheduleFiguresAndTheSignOffShowsRepliesFromDue() throws IOException {
    JsonNode json = new ObjectMapper().readTree(steady.runFolder().resolve("summary.json").toFile()).get("generator");
    for (String field : List.of("scheduleDelayP50Ms", "scheduleDelayP99Ms", "scheduleDelayMaxMs",
        "requestedRatePerSec", "achievedRatePerSec", "achievedRatePercent", "lowestWindowRatePercent")) {
      assertTrue(json.get(field).isNumber(), field + " in " + json);
    }
    assertTrue(json.get("lagP99Ms").isNumber(), "the existing fields keep their names");
    JsonNode story = json.get("fromDue").get(0);
    assertEquals("story", story.get("journey").asText());
    assertTrue(story.get("ttftFromDueP95").asDouble() >= story.get("ttftP95").asDouble(), story.toString());
    String page = Files.readString(steady.runFolder().resolve("signoff.html"));
    assertTrue(page.contains("From when it was due") && page.contains("schedule delay (ms)"), "signoff.html");
  }
}
