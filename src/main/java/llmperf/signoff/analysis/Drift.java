package llmperf.signoff.analysis;

import java.util.List;
import llmperf.budgets.BudgetCheck;
import llmperf.signoff.Summary;

/** Soak: the first full window against the last, for p95 and error-rate creep. */
final class Drift {

  private Drift() {}

  /** Null when the run has fewer than two full windows. */
  static Summary.Phases.Drift of(List<Summary.Window> windows, long windowMs, List<BudgetCheck> checks,
      double thresholdPercent) {
    List<Summary.Window> full = windows.stream()
        .filter(w -> w.endOffsetMs() - w.startOffsetMs() >= windowMs && w.count() > 0).toList();
    if (full.size() < 2) {
      return null;
    }
    Summary.Window first = full.get(0);
    Summary.Window last = full.get(full.size() - 1);
    double change = first.p95() == 0 ? 0 : 100.0 * (last.p95() - first.p95()) / first.p95();
    double hours = (last.startOffsetMs() - first.startOffsetMs()) / 3_600_000.0;
    double errorBudget = checks.stream().filter(c -> c.path().isEmpty())
        .mapToDouble(c -> c.budget().limit()).findFirst().orElse(100);
    boolean passed = change <= thresholdPercent && last.errorPercent() < errorBudget;
    return new Summary.Phases.Drift(first, last, change, hours == 0 ? 0 : change / hours,
        last.errorPercent() - first.errorPercent(), thresholdPercent, passed);
  }
}
