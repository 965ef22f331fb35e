package llmperf.signoff.analysis;

import java.util.List;
import llmperf.signoff.RunPlan;
import llmperf.signoff.Summary;

/** Spike: the time from the end of the peak to the first window back within budget. */
final class Recovery {

  private Recovery() {}

  static Summary.Phases.Recovery of(RunPlan.Spike spike, List<Summary.Window> windows) {
    long peakEnd = spike.peakEndOffsetMs();
    Long recovered = windows.stream()
        .filter(w -> w.startOffsetMs() >= peakEnd && w.count() > 0 && w.withinBudget())
        .map(w -> w.startOffsetMs() - peakEnd)
        .findFirst().orElse(null);
    return new Summary.Phases.Recovery(peakEnd, recovered, spike.allowedRecoveryMs(),
        recovered != null && recovered <= spike.allowedRecoveryMs());
  }
}
