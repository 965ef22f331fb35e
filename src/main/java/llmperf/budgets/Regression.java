package llmperf.budgets;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Regression budgets: a budgeted row's p95 may not worsen on its baseline's by more than the row's threshold
 * ({@link Thresholds#regressionPercent}) and a noise floor.
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

  /** The largest p95 that is not a regression: the baseline's p95 plus the threshold (and the noise floor). */
  public static long allowedP95(long baselineP95, double thresholdPercent) {
    return Math.max((long) Math.floor(baselineP95 * (1 + thresholdPercent / 100)), baselineP95 + NOISE_FLOOR_MS);
  }

  /**
   * One regression check per budgeted latency row that the baseline measured well enough.
   *
   * @param baselineP95s the baseline's p95 of each row it holds at least {@link #MIN_BASELINE_SAMPLES} samples of
   * @param restRows the paths of REST rows
   */
  public static List<BudgetCheck> checks(List<BudgetCheck> budgetChecks, Map<List<String>, Long> baselineP95s,
      Set<List<String>> restRows, Thresholds thresholds) {
    List<BudgetCheck> regressions = new ArrayList<>();
    Set<List<String>> seen = new HashSet<>();
    for (BudgetCheck check : budgetChecks) {
      Long baselineP95 = baselineP95s.get(check.path());
      if (check.path().isEmpty() || !check.budget().isLatency() || !seen.add(check.path()) || baselineP95 == null) {
        continue;
      }
      boolean rest = restRows.contains(check.path());
      String key = rest ? Thresholds.API_REGRESSION : Thresholds.ML_REGRESSION;
      long allowed = allowedP95(baselineP95, thresholds.regressionPercent(rest));
      regressions.add(new BudgetCheck(new Budget(key, List.of("regression"), "p95", allowed + 1), check.path()));
    }
    return regressions;
  }
}
