package llmperf.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Map;
import llmperf.signoff.analysis.Summary;
import llmperf.suite.simulations.Stress;
import llmperf.support.GatlingRun;
import org.junit.jupiter.api.Test;

/** The sign-off's breaking point, against a target whose capacity the test configures. */
class BreakingPointIT {

  @Test
  void stressFindsTheBreakingPointWithinOneStairOfTheConfiguredCapacity() {
    // Story only (workload openai), on the shipped generation model: each journey holds a generation slot for two
    // replies of ~64 tokens at ~10-12 ms: ~1.8 slot-s. With 10 slots the target sustains about 10 / 1.8 = 5.5
    // journeys/s: the last good stair should be 4/s. Stairs of 10 s: at 6/s the queue needs that long to push the TTFT
    // p95 past its budget.
    GatlingRun.Outcome outcome = GatlingRun.run(Stress.class, Map.ofEntries(
        Map.entry("embedded-target.generation.token-interval", "10ms"),
        Map.entry("embedded-target.generation.prefill-base", "80ms"),
        Map.entry("workload", "openai"),
        Map.entry("embedded-target.generation.slots", "10"), Map.entry("embedded-target.generation.queue", "20"),
        Map.entry("scales.ci.stress.start-rate", "2"), Map.entry("scales.ci.stress.step", "2"),
        Map.entry("scales.ci.stress.steps", "4"), Map.entry("scales.ci.stress.step-duration", "10s")));

    Summary.Phases.BreakingPoint point = outcome.signOff().phases().breakingPoint();
    assertEquals(4, point.stairs().size());
    assertEquals(4.0, point.sustainableRatePerSec(), "the last stair under the 5.5/s capacity: " + point);
    assertEquals(List.of(), point.stairs().get(1).failedBudgets(), "4/s meets every budget");
    assertFalse(point.stairs().get(2).failedBudgets().isEmpty(), "6/s, past capacity, does not: " + point);
  }
}
