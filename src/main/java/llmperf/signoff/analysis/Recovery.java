package llmperf.signoff.analysis;

import java.util.List;
import llmperf.signoff.RunPlan;
import llmperf.signoff.Summary;

/**
 * Spike: the time from the end of the peak to the start of the first window after which every window (with requests)
 * stays within budget; a run whose last window is still out of budget never recovered.
 */
final class Recovery {

  private Recovery() {}

  static Summary.Phases.Recovery of(RunPlan.Spike spike, List<Summary.Window> windows) {
    long peakEnd = spike.peakEndOffsetMs();
    Long recovered = null;
    for (Summary.Window window : windows) {
      if (window.startOffsetMs() < peakEnd || window.count() == 0) {
        continue;
      }
      if (!window.withinBudget()) {
        recovered = null;
      } else if (recovered == null) {
        recovered = window.startOffsetMs() - peakEnd;
      }
    }
    return new Summary.Phases.Recovery(peakEnd, recovered, spike.allowedRecoveryMs(),
        recovered != null && recovered <= spike.allowedRecoveryMs());
  }
}
