package llmperf.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import llmperf.budgets.Thresholds;
import llmperf.signoff.analysis.Summary;
import llmperf.suite.simulations.Spike;
import llmperf.support.AdminFaults;
import llmperf.support.GatlingRun;
import org.junit.jupiter.api.Test;

/** The sign-off's recovery after a spike, against a target whose recovery time the test controls. */
class SpikeRecoveryIT {

  @Test
  void theSpikeRecoveryTimeIsMeasuredWithinOneWindowOfTheTruth() throws Exception {
    // Peak ends 4 s (base window) + 1 s (ramp) + 4 s (hold) = 9 s after the start; the target fails half of
    // all new requests from the peak's start until 3 s after its end, then is healthy again.
    long recoveryTruthMs = 3_000;
    AtomicLong clearedAt = new AtomicLong();
    GatlingRun.Outcome outcome;
    try (AdminFaults faults = AdminFaults.onFreePort()) {
      faults.at(4_000, "{\"error_rate\":0.5}");
      faults.at(9_000 + recoveryTruthMs, "{\"error_rate\":0}", () -> clearedAt.set(System.currentTimeMillis()));
      outcome = GatlingRun.run(Spike.class, Map.of("embedded-target.port", String.valueOf(faults.port()),
          "budgets.spike.recovery", "6s", "scales.ci.spike.peak-rate", "12"));
    }

    Summary.Phases.Recovery recovery = outcome.signOff().phases().recovery();
    assertNotNull(recovery.recoveryMs(), "it recovered");
    long truth = clearedAt.get() - outcome.signOff().run().startEpochMs() - recovery.peakEndOffsetMs();
    long window = outcome.signOff().windows().get(0).endOffsetMs() - outcome.signOff().windows().get(0).startOffsetMs();
    assertTrue(Math.abs(recovery.recoveryMs() - truth) <= window,
        "measured " + recovery.recoveryMs() + " ms, truth " + truth + " ms, window " + window + " ms");
    assertTrue(recovery.passed());

    // Half the requests failed in the surge: its error budget fails, and it alone, since after it all is well.
    List<Summary.BudgetResult> failed = outcome.signOff().budgets().stream().filter(b -> !b.passed()).toList();
    assertEquals(List.of(Thresholds.PEAK_ERROR_RATE), failed.stream().map(Summary.BudgetResult::key).toList(),
        "only the surge's errors fail: " + failed);
    assertTrue(failed.get(0).actual() > 20, "about half of the surge's requests failed: " + failed);
  }
}
