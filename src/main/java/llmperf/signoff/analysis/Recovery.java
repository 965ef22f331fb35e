package llmperf.signoff.analysis;

import java.util.List;

/**
 * Spike: the time from the end of the peak to the start of the first window after which every window (with requests)
 * stays within budget; a run whose last window is still out of budget never recovered. Windows judge the error rate
 * and each p95 budget whose row has enough samples in them; when none after the peak judged any latency budget, the
 * recovery was judged on errors alone and fails as not judged.
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
    long judged = windows.stream().filter(w -> w.startOffsetMs() >= peakEnd && w.latencyJudged()).count();
    String notJudged = judged > 0 ? null : "not judged: no window after the peak had " + Windows.MIN_WINDOW_SAMPLES
        + " OK samples of any budgeted row (wider windows or a higher base rate give them)";
    return new Summary.Phases.Recovery(peakEnd, recovered, spike.allowedRecoveryMs(),
        notJudged == null && recovered != null && recovered <= spike.allowedRecoveryMs(), notJudged);
  }
}
