package llmperf.signoff.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import llmperf.budgets.BudgetCheck;
import llmperf.gatling.Percentiles;
import llmperf.signoff.Summary;
import llmperf.signoff.log.RequestRecord;

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
      boolean within = true;
      boolean latencyJudged = false;
      for (BudgetCheck check : checks) {
        if (check.path().isEmpty()) {
          within &= 100.0 * ko / requests.size() < check.budget().limit();
        } else if (check.budget().statistic().equals("p95")) {
          long[] samples = samples(check, rows);
          boolean judged = samples.length >= MIN_WINDOW_SAMPLES;
          latencyJudged |= judged;
          within &= !judged || Statistics.of("p95", samples) < check.budget().limit();
        }
      }
      windows.add(new Summary.Window(windowStart - run.start, windowEnd - run.start, requests.size(), ko,
          100.0 * ko / requests.size(), p[0], p[1], within, latencyJudged));
    }
    return windows;
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
