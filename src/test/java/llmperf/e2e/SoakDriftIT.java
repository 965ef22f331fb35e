package llmperf.e2e;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import llmperf.signoff.analysis.Summary;
import llmperf.suite.simulations.Soak;
import llmperf.support.AdminFaults;
import llmperf.support.GatlingRun;
import org.junit.jupiter.api.Test;

/** The sign-off's drift between a soak's first and last window: a slow degradation caught, a healthy soak passed. */
class SoakDriftIT {

  @Test
  void aSlowDegradationDuringTheSoakIsDetectedAsDrift() throws Exception {
    GatlingRun.Outcome outcome;
    try (AdminFaults faults = AdminFaults.onFreePort()) {
      // The 16 s soak's four windows of 4 s: the target slows down step by step from the second one on.
      faults.at(5_000, "{\"latency_multiplier\":1.5}");
      faults.at(9_000, "{\"latency_multiplier\":2.0}");
      faults.at(13_000, "{\"latency_multiplier\":2.5}");
      outcome = GatlingRun.run(Soak.class, Map.of("embedded-target.port", String.valueOf(faults.port())));
    }

    Summary.Phases.Drift drift = outcome.signOff().phases().drift();
    assertFalse(drift.passed());
    assertTrue(drift.verdict().startsWith("drifted: "), drift.verdict());
    assertTrue(drift.rows().stream().anyMatch(r -> r.path().endsWith("/ ttft") && r.drifted() && r.changePercent() > 30),
        "TTFT's median rose with the latency: " + drift.rows());
    assertFalse(outcome.signOff().passed());
  }

  /** The same Soak on a healthy target: no row drifts, and the whole sign-off passes. */
  @Test
  void aHealthySoakDoesNotDrift() {
    GatlingRun.Outcome outcome = GatlingRun.run(Soak.class, Map.of());
    Summary.Phases.Drift drift = outcome.signOff().phases().drift();
    assertTrue(drift.passed(), drift.verdict() + ": " + drift.rows());
    assertTrue(drift.rows().stream().filter(Summary.Phases.Drift.RowDrift::judged).count() >= 5,
        "most streaming and REST rows are judged at the ci scale: " + drift.rows());
    assertTrue(outcome.signOff().passed(), outcome.signOff().reasons().toString());
  }
}
