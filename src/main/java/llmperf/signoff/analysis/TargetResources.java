package llmperf.signoff.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import llmperf.budgets.Budget;
import llmperf.resources.ResourceSamples;

/**
 * The target's own resources on the run's time axis: each series' samples of the measured run, its highest sample
 * in each window (a peak, not an average, is what an alert fires on), and the budgets on them (budgets.target.*),
 * each failed with its reason when the series was not sampled.
 */
final class TargetResources {

  private TargetResources() {}

  static Summary.Resources of(ResourceSamples samples, long startEpochMs, long endEpochMs,
      List<Summary.Window> windows) {
    List<Summary.Resources.Series> series = new ArrayList<>();
    for (ResourceSamples.Series one : samples.series()) {
      series.add(series(one, startEpochMs, endEpochMs, windows));
    }
    return new Summary.Resources(samples.source(), samples.unavailable(), samples.note(), samples.scrapes(),
        samples.failedScrapes(), samples.firstFailure(), samples.scrapeMedianMs(), samples.scrapeMaxMs(),
        List.copyOf(series), samples.notExposed());
  }

  private static Summary.Resources.Series series(ResourceSamples.Series one, long startEpochMs, long endEpochMs,
      List<Summary.Window> windows) {
    Double[] perWindow = new Double[windows.size()];
    long count = 0;
    double sum = 0;
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < one.epochMs().length; i++) {
      long at = one.epochMs()[i];
      double value = one.values()[i];
      if (at < startEpochMs || at > endEpochMs || Double.isNaN(value)) {
        continue;
      }
      count++;
      sum += value;
      max = Math.max(max, value);
      int window = windowOf(windows, at - startEpochMs);
      if (window >= 0 && (perWindow[window] == null || perWindow[window] < value)) {
        perWindow[window] = value;
      }
    }
    return new Summary.Resources.Series(one.spec().name(), one.spec().selector(), one.spec().unit(), count,
        count == 0 ? null : max, count == 0 ? null : sum / count, Arrays.asList(perWindow));
  }

  /** The window holding {@code offsetMs}; the last one holds its own end, as the run's last request may end there. */
  private static int windowOf(List<Summary.Window> windows, long offsetMs) {
    for (int i = 0; i < windows.size(); i++) {
      Summary.Window window = windows.get(i);
      boolean last = i == windows.size() - 1;
      if (offsetMs >= window.startOffsetMs()
          && (offsetMs < window.endOffsetMs() || last && offsetMs == window.endOffsetMs())) {
        return i;
      }
    }
    return -1;
  }

  /** Each budget on a series: its maximum or mean against the limit, failed and saying why when not sampled. */
  static List<Summary.BudgetResult> budgets(Summary.Resources resources, List<Budget> budgets) {
    List<Summary.BudgetResult> results = new ArrayList<>();
    for (Budget budget : budgets) {
      String name = budget.scope().get(1);
      Summary.Resources.Series series = resources.series().stream().filter(s -> s.name().equals(name))
          .findFirst().orElse(null);
      Double actual = series == null ? null : budget.statistic().equals("mean") ? series.mean() : series.max();
      String unit = series == null ? "" : series.unit();
      results.add(new Summary.BudgetResult(budget.key(), Budget.TARGET_SCOPE + " / " + name, budget.statistic(),
          budget.limit(), actual, unit, actual != null && actual <= budget.limit(),
          actual != null ? null : notJudged(resources, series)));
    }
    return results;
  }

  private static String notJudged(Summary.Resources resources, Summary.Resources.Series series) {
    if (resources.unavailable() != null) {
      return "not sampled: " + resources.unavailable();
    } else if (resources.scrapes() > 0 && resources.failedScrapes() == resources.scrapes()) {
      return "no scrape of " + resources.source() + " succeeded: " + resources.firstFailure();
    } else if (series == null) {
      return "not exposed by " + resources.source();
    }
    return "no sample in the measured run";
  }
}
