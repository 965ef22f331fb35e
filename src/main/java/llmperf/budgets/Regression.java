package llmperf.budgets;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import llmperf.metrics.RowNames;

/**
 * Regression budgets: a row's p95 may not worsen on its baseline's by more than the larger of the row's threshold
 * ({@link Thresholds#regressionPercent}: 10 % for REST rows, 15 % for the others) and the run-to-run noise of its kind
 * of row ({@link #noiseFloorMs}), judged on the 95 % interval of the p95's change drawn from both runs' samples (the
 * sign-off's ChangeInterval): a regression is an interval lying wholly above that. Compared: every budgeted latency
 * row, and the stream figures of every journey (TTFT, answer TTFT, tool call, ITL, inter-chunk, end-to-end, first
 * audio byte), budgeted or not.
 */
public final class Regression {

  /**
   * OK samples a row needs in the baseline to be compared, and in this run to be judged: with fewer, no sample lies
   * above the p95 with 98.75 % confidence (0.95^86 < 1.25 %), so its interval has no upper end.
   */
  public static final int MIN_SAMPLES = 86;

  /** The statistic of a regression check: the low end of the p95 change's interval, in percent. */
  public static final String STATISTIC = "p95 change (interval low end)";

  /** The stream figures compared with the baseline whether or not a budget names them. */
  public static final List<String> FIGURE_ROWS = List.of(RowNames.TTFT, RowNames.ANSWER_TTFT, RowNames.TOOL_CALL,
      RowNames.ITL, RowNames.INTER_CHUNK, RowNames.END_TO_END, RowNames.FIRST_AUDIO_BYTE);

  private Regression() {}

  /**
   * How far a healthy row's p95 moves between two runs of an unchanged target, by kind of row: the largest spread
   * (max - min of the p95 over ten healthy ci Steady runs on 2 cores shared by Gatling and the embedded target,
   * bench/false-alarms.sh, docs/benchmarks.md "False alarms") of the rows of that kind, rounded up. A rise within it is noise,
   * whatever its percentage: ITL moved by 1 ms, inter-chunk by 6, TTFT by 9, REST rows of ~25 ms by 18, end-to-end
   * by 493. First audio byte and the other ML calls never reached 30 samples in those runs: their floors are set,
   * not measured (twice TTFT's, and 40 ms); so are the answer TTFT's (a TTFT after a reasoning of many tokens: as
   * end-to-end's) and the tool call's (it ends with its reply's last token: as end-to-end's).
   */
  public static long noiseFloorMs(List<String> path, boolean restRow) {
    if (restRow) {
      return 20;
    }
    return switch (path.get(path.size() - 1)) {
      case RowNames.ITL -> 2;
      case RowNames.INTER_CHUNK -> 6;
      case RowNames.TTFT -> 10;
      case RowNames.FIRST_AUDIO_BYTE -> 20;
      case RowNames.END_TO_END, RowNames.ANSWER_TTFT, RowNames.TOOL_CALL -> 500;
      default -> 40;
    };
  }

  /**
   * What a rise of the row's p95 may add for the load generator's own longest stall in the run (its event loop's
   * worst lag): a stall lands on every reply in flight at once and lengthens each one's longest gap by up to its
   * length, so it can raise the inter-chunk p95 (each reply's longest gap) by as much, on a target that did not
   * change. Other rows average a stall away (ITL), or it lands on few of their replies (TTFT, end-to-end): 0.
   */
  public static long generatorStallAllowanceMs(List<String> path, double generatorLagMaxMs) {
    return path.get(path.size() - 1).equals(RowNames.INTER_CHUNK) ? (long) Math.ceil(generatorLagMaxMs) : 0;
  }

  /**
   * The rise of a row's p95 on its baseline's that is not a regression, in percent: the threshold, or the row's
   * noise floor when that is more, plus what the load generator's longest stall excuses.
   */
  public static double allowedPercent(long baselineP95, double thresholdPercent, long noiseFloorMs, long stallMs) {
    double base = Math.max(1, baselineP95);
    return Math.max(thresholdPercent, 100 * noiseFloorMs / base) + 100 * stallMs / base;
  }

  /**
   * One regression check per compared row that the baseline measured well enough.
   *
   * @param budgetChecks the budgets of this part of the run: their latency rows are compared
   * @param figureRows the stream figure rows of this part's journeys ({@link #FIGURE_ROWS}), compared too
   * @param baselines the baseline's p95 of each row it keeps at least {@link #MIN_SAMPLES} samples of
   * @param restRows the paths of REST rows
   */
  public static List<BudgetCheck> checks(List<BudgetCheck> budgetChecks, List<List<String>> figureRows,
      Map<List<String>, Long> baselines, Set<List<String>> restRows, Thresholds thresholds) {
    Set<List<String>> compared = new LinkedHashSet<>();
    budgetChecks.stream().filter(c -> !c.path().isEmpty() && c.budget().isLatency()).forEach(c -> compared.add(c.path()));
    compared.addAll(figureRows);
    List<BudgetCheck> regressions = new ArrayList<>();
    for (List<String> path : compared) {
      if (!baselines.containsKey(path)) {
        continue;
      }
      boolean rest = restRows.contains(path);
      String key = rest ? Thresholds.API_REGRESSION : Thresholds.ML_REGRESSION;
      regressions.add(new BudgetCheck(new Budget(key, List.of("regression"), STATISTIC,
          thresholds.regressionPercent(rest)), path));
    }
    return regressions;
  }
}
