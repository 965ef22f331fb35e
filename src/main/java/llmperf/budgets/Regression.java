package llmperf.budgets;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Regression budgets: a budgeted row's p95 may not worsen on its baseline's by more than the row's threshold
 * ({@link Thresholds#regressionPercent}), a noise floor, and the baseline's own tail.
 */
public final class Regression {

  /** Fewer samples than this in the baseline and a row is not compared: its p95 is too noisy to judge. */
  public static final int MIN_BASELINE_SAMPLES = 30;

  /**
   * A p95 must worsen by more than this as well as by the threshold to be a regression: on 2 cores shared by
   * Gatling and the embedded target, a 25 ms REST row's p95 was seen to move by up to 13 ms between two runs of
   * an unchanged target, while a real TTFT regression of +30 % on a 100 ms row moves it by 30 ms.
   */
  public static final long NOISE_FLOOR_MS = 15;

  private Regression() {}

  /** What a baseline measured of one row: its p95, and its p99 (0 when the baseline did not keep it). */
  public record Reference(long p95, long p99) {}

  /**
   * The largest p95 that is not a regression: the baseline's p95 plus the threshold, and never below the noise
   * floor or the baseline's own p99. A p95 inside the tail the baseline itself showed is its sampling noise: over
   * 50 samples a 25 ms REST row's p95 (its third-largest value) was seen at 19 ms in one run and 35 ms in the next,
   * on an unchanged target, while its p99 was 38 ms in both.
   */
  public static long allowedP95(Reference baseline, double thresholdPercent) {
    long byThreshold = (long) Math.floor(baseline.p95() * (1 + thresholdPercent / 100));
    return Math.max(Math.max(byThreshold, baseline.p95() + NOISE_FLOOR_MS), baseline.p99());
  }

  /**
   * One regression check per budgeted latency row that the baseline measured well enough.
   *
   * @param baselines what the baseline measured of each row it holds at least {@link #MIN_BASELINE_SAMPLES} samples of
   * @param restRows the paths of REST rows
   */
  public static List<BudgetCheck> checks(List<BudgetCheck> budgetChecks, Map<List<String>, Reference> baselines,
      Set<List<String>> restRows, Thresholds thresholds) {
    List<BudgetCheck> regressions = new ArrayList<>();
    Set<List<String>> seen = new HashSet<>();
    for (BudgetCheck check : budgetChecks) {
      Reference baseline = baselines.get(check.path());
      if (check.path().isEmpty() || !check.budget().isLatency() || !seen.add(check.path()) || baseline == null) {
        continue;
      }
      boolean rest = restRows.contains(check.path());
      String key = rest ? Thresholds.API_REGRESSION : Thresholds.ML_REGRESSION;
      long allowed = allowedP95(baseline, thresholds.regressionPercent(rest));
      regressions.add(new BudgetCheck(new Budget(key, List.of("regression"), "p95", allowed + 1), check.path()));
    }
    return regressions;
  }
}
