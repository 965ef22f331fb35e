package llmperf.signoff.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import llmperf.budgets.Budget;
import llmperf.budgets.BudgetCheck;
import llmperf.gatling.Percentiles;
import llmperf.signoff.Summary;
import llmperf.signoff.log.RequestRecord;

/**
 * The run cut into windows of the plan's width; requests are placed by their end time. A window's count, errors and
 * percentiles are of the requests a user sees (a reply once); its p95 budgets are judged on their own rows.
 */
final class Windows {

  static final int MIN_WINDOW_SAMPLES = 5;

  private Windows() {}

  /** @param checks the budgets every window is judged by */
  static List<Summary.Window> of(RunRecords run, long windowMs, List<BudgetCheck> checks) {
    List<Summary.Window> windows = new ArrayList<>();
    long width = Math.max(1000, windowMs);
    for (long from = run.start; from < run.end; from += width) {
      long windowStart = from;
      long windowEnd = Math.min(from + width, run.end + 1);
      Predicate<RequestRecord> inside = r -> r.endEpochMs() >= windowStart && r.endEpochMs() < windowEnd;
      List<RequestRecord> rows = run.log.requests().stream().filter(inside).toList();
      List<RequestRecord> requests = rows.stream().filter(RunRecords::isUserRequest).toList();
      if (requests.isEmpty()) {
        windows.add(new Summary.Window(windowStart - run.start, windowEnd - run.start, 0, 0, 0, 0, 0, true, false));
        continue;
      }
      long ko = requests.stream().filter(r -> !r.ok()).count();
      long[] p = Percentiles.of(RunRecords.durations(requests), 50, 95);
      boolean within = checks.stream().allMatch(check -> withinBudget(check, requests, rows));
      boolean latencyJudged = checks.stream()
          .anyMatch(check -> isP95(check) && samples(check, rows).length >= MIN_WINDOW_SAMPLES);
      windows.add(new Summary.Window(windowStart - run.start, windowEnd - run.start, requests.size(), ko,
          100.0 * ko / requests.size(), p[0], p[1], within, latencyJudged));
    }
    return windows;
  }

  /**
   * A window is within budget when its error rate and the p95 budgets hold, whatever phase group (a stair, the
   * window after a spike) its requests ran in; a row with fewer than {@link #MIN_WINDOW_SAMPLES} samples in the
   * window says nothing about its p95 and is left out.
   */
  private static boolean withinBudget(BudgetCheck check, List<RequestRecord> requests, List<RequestRecord> rows) {
    Budget budget = check.budget();
    if (check.path().isEmpty()) {
      return 100.0 * requests.stream().filter(r -> !r.ok()).count() / requests.size() < budget.limit();
    }
    if (!isP95(check)) {
      return true;
    }
    long[] samples = samples(check, rows);
    return samples.length < MIN_WINDOW_SAMPLES || Statistics.of("p95", samples) < budget.limit();
  }

  private static boolean isP95(BudgetCheck check) {
    return !check.path().isEmpty() && check.budget().statistic().equals("p95");
  }

  /** The OK durations of the check's row in the window, whatever phase group it ran in. */
  private static long[] samples(BudgetCheck check, List<RequestRecord> rows) {
    return rows.stream().filter(r -> r.ok() && endsWith(RunRecords.pathOf(r), check.path()))
        .mapToLong(RequestRecord::durationMs).sorted().toArray();
  }

  private static boolean endsWith(List<String> path, List<String> suffix) {
    return path.size() >= suffix.size() && path.subList(path.size() - suffix.size(), path.size()).equals(suffix);
  }
}
