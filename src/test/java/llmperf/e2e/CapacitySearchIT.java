package llmperf.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import llmperf.signoff.analysis.CapacitySearch;
import llmperf.signoff.analysis.Summary;
import llmperf.suite.simulations.Capacity;
import llmperf.suite.simulations.Steady;
import llmperf.support.GatlingRun;
import org.junit.jupiter.api.Test;

/**
 * Capacity's search against a reference server with few slots reports the highest rate meeting every budget, R; a
 * Steady run at 0.9 R then meets every budget, and one at 1.3 R does not.
 */
class CapacitySearchIT {

  /**
   * Story only (workload openai), 4 generation slots: each journey holds a slot for two replies of ~64 tokens 4 ms
   * apart (~0.6 slot-s), so the target serves about 7 journeys/s; past that its queue (long enough never to reject) grows, and with it the
   * TTFT. The Steady runs hold their rate longer than a probe (a 1 s ramp and 8 s, against a 1 s warm-up and 6 s):
   * whatever held in a probe holds at a lower rate in Steady, and whatever broke breaks at a higher one. A precision of
   * 10 % keeps a probe that broke by noise just under the capacity (TTFT p95 500 ms at 6/s, with one core busy) from
   * pulling R down to where 1.3 R still holds.
   */
  private static final Map<String, String> FEW_SLOTS = Map.ofEntries(
      Map.entry("workload", "openai"),
      Map.entry("embedded-target.generation.slots", "4"), Map.entry("embedded-target.generation.queue", "256"),
      Map.entry("scales.ci.steady.duration", "8s"),
      Map.entry("scales.ci.capacity.start-rate", "4"), Map.entry("scales.ci.capacity.max-rate", "32"),
      Map.entry("scales.ci.capacity.precision", "10"), Map.entry("scales.ci.capacity.probe", "6s"));

  private static Map<String, String> with(Map<String, String> settings, Map<String, String> more) {
    Map<String, String> all = new HashMap<>(settings);
    all.putAll(more);
    return all;
  }

  private static Summary steadyAt(double rate) {
    return GatlingRun.run(Steady.class, with(FEW_SLOTS, Map.of("scales.ci.steady.rate", String.valueOf(rate))))
        .signOff();
  }

  @Test
  void capacityReportsTheRateAtBudgetThatSteadyRunsConfirm() {
    GatlingRun.Outcome capacity = GatlingRun.run(Capacity.class, FEW_SLOTS);
    CapacitySearch search = capacity.signOff().phases().capacity();
    assertNotNull(search, "the Capacity sign-off reports its search");
    assertTrue(search.found(), search.toString());
    double rate = search.maxRatePerSec();
    assertTrue(rate >= 4 && rate <= 12, "about 7 journeys/s: " + search);
    assertNotNull(search.aboveCapacity(), "a rate above R broke: " + search);
    assertFalse(search.aboveCapacity().failedBudgets().isEmpty());
    assertTrue(search.limitRatePerSec() <= rate * 1.1 + 0.01, "within the precision (10 %): " + search);
    assertEquals(rate, search.atCapacity().ratePerSec());
    assertTrue(search.atCapacity().requestsPerSec() > 0 && search.atCapacity().outputTokensPerSec() > 0,
        search.toString());

    Summary below = steadyAt(Math.round(rate * 0.9 * 100) / 100.0);
    assertTrue(below.passed(), "0.9 R meets every budget: " + below.reasons());
    Summary above = steadyAt(Math.round(rate * 1.3 * 100) / 100.0);
    assertFalse(above.passed(), "1.3 R does not");
  }
}
