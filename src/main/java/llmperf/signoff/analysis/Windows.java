package llmperf.signoff.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import llmperf.budgets.BudgetCheck;

/**
 * The run cut into windows of the plan's width; requests are placed by their end time. A window's count, errors and
 * percentiles are of the requests a user sees (a reply once). It is within budget when its error rate and its p95
 * budgets hold, whatever phase group (a stair, the window after a spike) the rows ran in; a row with fewer than
 * {@link #MIN_WINDOW_SAMPLES} OK samples in the window says nothing about its p95 and is left out.
 */
final class Windows {

  static final int MIN_WINDOW_SAMPLES = 5;

  private Windows() {}

  /** @param checks the budgets every window is judged by */
  static List<Summary.Window> of(RunTally run, List<BudgetCheck> checks) {
    List<Summary.Window> windows = new ArrayList<>();
    List<RunTally.Window> tallies = run.windows();
    for (int i = 0; i < tallies.size(); i++) {
      long startOffset = i * run.windowMs;
      long endOffset = Math.min(startOffset + run.windowMs, run.end() + 1 - run.start());
      RowTally requests = tallies.get(i).userRequests;
      if (requests.count() == 0) {
        windows.add(new Summary.Window(startOffset, endOffset, 0, 0, 0, 0, 0, true, false));
        continue;
      }
      boolean within = true;
      boolean latencyJudged = false;
      for (BudgetCheck check : checks) {
        if (check.path().isEmpty()) {
          within &= requests.errorPercent() < check.budget().limit();
        } else if (check.budget().statistic().equals("p95")) {
          Durations samples = okTimes(tallies.get(i), check.path());
          boolean judged = samples.count() >= MIN_WINDOW_SAMPLES;
          latencyJudged |= judged;
          within &= !judged || samples.percentile(95) < check.budget().limit();
        }
      }
      Durations all = requests.all();
      windows.add(new Summary.Window(startOffset, endOffset, requests.count(), requests.ko(), requests.errorPercent(),
          all.percentile(50), all.percentile(95), within, latencyJudged));
    }
    return windows;
  }

  /** The OK durations of the check's row in the window, whatever phase group it ran in. */
  private static Durations okTimes(RunTally.Window window, List<String> row) {
    Durations times = new Durations();
    for (Map.Entry<List<String>, Durations> path : window.okByPath.entrySet()) {
      if (endsWith(path.getKey(), row)) {
        times.addAll(path.getValue());
      }
    }
    return times;
  }

  private static boolean endsWith(List<String> path, List<String> suffix) {
    return path.size() >= suffix.size() && path.subList(path.size() - suffix.size(), path.size()).equals(suffix);
  }
}
