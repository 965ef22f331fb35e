package llmperf.signoff.analysis;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import llmperf.budgets.Budget;
import llmperf.budgets.BudgetCheck;
import llmperf.budgets.Thresholds;
import llmperf.metrics.GeneratorMonitor;
import llmperf.metrics.RowNames;
import llmperf.signoff.analysis.Summary.Phases.Drift.RowDrift;

/**
 * Soak: per budgeted row, its median in the first full window against the last, as a 95 % interval of the change
 * ({@link ChangeInterval}), and the error rate's creep. Pooling every row into one p95 (10 ms ITL beside
 * multi-second voice) failed healthy soaks on the mix alone; rows whose time grows with the reply's length
 * (end-to-end, the voice file) move with the prompt mix of each window, so only the rows whose time does not are
 * judged: REST calls, TTFT, ITL, inter-chunk, first audio byte. The median is what a slow degradation moves first and
 * what a window of tens of samples estimates well; the p95 budgets themselves are judged over the whole run.
 *
 * <p>Windows in which the load generator was late (its event-loop lag p99 past its limit, from the lag ticks it
 * counted each second) are left out: their figures are the generator's, and a busy spell in the last window would
 * read as the service drifting.
 */
final class Drift {

  /** OK samples a row needs in each of the two windows to be judged. */
  static final int MIN_SAMPLES = 10;
  /**
   * A rise below this many ms is the millisecond resolution whatever its percentage (a 10 ms ITL median read as 11):
   * the interval carries the sampling noise.
   */
  static final long NOISE_FLOOR_MS = 2;
  static final String DRIFTED = "drifted";
  /** A window's lag ticks may be late past the limit this often: its lag p99 is then within it. */
  private static final double LATE_SHARE = 0.01;

  private static final Set<String> LENGTH_FREE_ROWS = Set.of(RowNames.TTFT, RowNames.ITL, RowNames.INTER_CHUNK,
      RowNames.FIRST_AUDIO_BYTE);

  private Drift() {}

  static Summary.Phases.Drift of(RunTally run, List<Summary.Window> windows, RunPlan plan) {
    long width = run.windowMs;
    List<Summary.Window> full = windows.stream().filter(w -> w.endOffsetMs() - w.startOffsetMs() >= width).toList();
    List<Summary.Window> late = full.stream().filter(w -> generatorLate(run, w, plan.generator())).toList();
    List<Summary.Window> healthy = full.stream().filter(w -> !late.contains(w)).toList();
    String leftOut = late.isEmpty() ? null : "left out " + late.size() + " of " + full.size() + " full windows (from "
        + String.join(", ", late.stream().map(w -> Figures.duration(w.startOffsetMs())).toList()) + ") in which the"
        + " load generator's event-loop lag p99 passed " + GeneratorMonitor.LAG_LIMIT_MS + " ms";
    double errorBudget = plan.checks().stream().filter(c -> c.path().isEmpty() && c.budget().scope().get(0).equals("all"))
        .mapToDouble(c -> c.budget().limit()).findFirst().orElse(100);
    if (healthy.size() < 2) {
      Summary.Window only = windows.isEmpty() ? new Summary.Window(0, 0, 0, 0, 0, 0, 0, true, false) : windows.get(0);
      return new Summary.Phases.Drift(only, only, List.of(), 0, errorBudget, false, "not judged: the run has fewer"
          + " than two full windows of " + Figures.duration(width) + (late.isEmpty() ? ""
          : " in which the load generator was healthy"), leftOut);
    }
    Summary.Window first = healthy.get(0);
    Summary.Window last = healthy.get(healthy.size() - 1);
    List<RowDrift> rows = new ArrayList<>();
    for (List<String> path : judgedRows(plan)) {
      rows.add(row(run, path, first, last, plan.thresholds().regressionPercent(plan.apiRows().contains(path))));
    }
    boolean errorsCrept = last.errorPercent() >= errorBudget;
    List<RowDrift> judged = rows.stream().filter(RowDrift::judged).toList();
    List<RowDrift> drifted = judged.stream().filter(RowDrift::drifted).toList();
    String verdict;
    if (judged.isEmpty()) {
      verdict = "not judged: no budgeted row had " + MIN_SAMPLES + " OK samples in both the first and the last window"
          + " (longer windows, scales.*.soak.window, or a higher rate give them)";
    } else if (!drifted.isEmpty()) {
      verdict = "drifted: " + String.join("; ", drifted.stream().map(r -> r.path() + " median " + r.firstP50() + " -> "
          + r.lastP50() + " ms (" + Figures.signedPercent(r.changePercent()) + ", interval " + r.interval().text()
          + ", limit +" + Figures.decimal(r.interval().allowedPercent()) + " %)").toList());
    } else if (errorsCrept) {
      verdict = "errors crept to " + Figures.decimal(last.errorPercent()) + " % in the last window (budget "
          + Figures.decimal(errorBudget) + " %)";
    } else {
      long noisy = judged.stream().filter(r -> r.interval().verdict().equals(ChangeInterval.WITHIN_NOISE)).count();
      verdict = "holds on " + judged.size() + " of " + rows.size() + " rows"
          + (noisy == 0 ? "" : " (" + noisy + " within noise: their interval reaches past the limit)");
    }
    return new Summary.Phases.Drift(first, last, rows, last.errorPercent() - first.errorPercent(), errorBudget,
        !judged.isEmpty() && drifted.isEmpty() && !errorsCrept, verdict, leftOut);
  }

  /**
   * Whether more than 1 % of the generator's lag ticks in the window ran later than its limit (its lag p99 past it);
   * a window with no tick counted (not watched) is not known to be late.
   */
  private static boolean generatorLate(RunTally run, Summary.Window window, GeneratorMonitor.Health generator) {
    if (generator == null) {
      return false;
    }
    long from = run.start() + window.startOffsetMs();
    long to = run.start() + window.endOffsetMs();
    long ticks = 0;
    long late = 0;
    for (GeneratorMonitor.LateTicks second : generator.lagSeconds()) {
      long at = second.epochSecond() * 1000;
      if (at >= from && at < to) {
        ticks += second.ticks();
        late += second.late();
      }
    }
    return ticks > 0 && late > LATE_SHARE * ticks;
  }

  /** The budgeted rows (latency budgets, regression checks aside) whose time does not grow with the reply. */
  private static Set<List<String>> judgedRows(RunPlan plan) {
    Set<List<String>> paths = new LinkedHashSet<>();
    for (BudgetCheck check : plan.checks()) {
      Budget budget = check.budget();
      if (budget.isLatency() && !check.path().isEmpty() && !budget.key().startsWith(Thresholds.REGRESSION_PREFIX)
          && (plan.apiRows().contains(check.path())
              || LENGTH_FREE_ROWS.contains(check.path().get(check.path().size() - 1)))) {
        paths.add(check.path());
      }
    }
    return paths;
  }

  private static RowDrift row(RunTally run, List<String> path, Summary.Window first, Summary.Window last,
      double thresholdPercent) {
    Durations before = okTimesIn(run, path, first);
    Durations after = okTimesIn(run, path, last);
    String name = String.join(" / ", path);
    if (before.count() < MIN_SAMPLES || after.count() < MIN_SAMPLES) {
      ChangeInterval none = new ChangeInterval(before.count(), after.count(), null, null, thresholdPercent,
          ChangeInterval.NOT_JUDGED, "needs " + MIN_SAMPLES + " OK samples in each window");
      return new RowDrift(name, before.count(), after.count(), -1, -1, 0, thresholdPercent, false, false, none);
    }
    long firstP50 = before.percentile(50);
    long lastP50 = after.percentile(50);
    double allowed = Math.max(thresholdPercent, 100.0 * NOISE_FLOOR_MS / Math.max(1, firstP50));
    ChangeInterval change = ChangeInterval.of(before, after, 50, allowed, DRIFTED, "the first and the last window");
    double point = 100.0 * (lastP50 - firstP50) / Math.max(1, firstP50);
    return new RowDrift(name, before.count(), after.count(), firstP50, lastP50, point, thresholdPercent, true,
        change.verdict().equals(DRIFTED), change);
  }

  private static Durations okTimesIn(RunTally run, List<String> path, Summary.Window window) {
    Durations times = run.windows().get(Math.toIntExact(window.startOffsetMs() / run.windowMs)).okByPath.get(path);
    return times == null ? new Durations() : times;
  }
}
