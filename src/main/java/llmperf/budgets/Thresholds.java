package llmperf.budgets;

import java.time.Duration;
import java.util.List;

/**
 * The budgets the sign-off judges from the run's windows, phases and baselines rather than on one report row, with
 * the value each takes when simulations.conf leaves it out: the one place those defaults are written.
 *
 * @param minThroughputPercent budgets.steady.min-throughput-percent: the share of the planned journeys a steady
 *     run must complete
 * @param apiRegressionPercent budgets.regression.api-percent: how much a REST row's p95 may worsen on its baseline
 * @param mlRegressionPercent budgets.regression.ml-percent: the same for streaming, ML and voice rows
 * @param spikeRecovery budgets.spike.recovery: how long after a spike the budgets must hold again
 * @param peakErrorRatePercent budgets.spike.peak-error-rate-percent: the error rate a spike's surge may reach (T3's
 *     alert threshold)
 * @param abortErrorRatePercent budgets.abort.error-rate-percent: the share of failed journeys, over the last
 *     {@code abortWindow}, at which the load stops (a dead target)
 * @param abortWindow budgets.abort.window
 * @param scaling budgets.scalability.*: what the high step of a scalability run may lose against the low one
 */
public record Thresholds(double minThroughputPercent, double apiRegressionPercent, double mlRegressionPercent,
    Duration spikeRecovery, double peakErrorRatePercent, double abortErrorRatePercent, Duration abortWindow,
    Scaling scaling) {

  /** Storytailor's four scalability thresholds, in percent (the error rate's in points). */
  public record Scaling(double responseTimeDegradation, double throughputDegradation, double errorRateIncrease,
      double minEfficiency) {}

  public static final String MIN_THROUGHPUT = "budgets.steady.min-throughput-percent";
  /** The keys of the regression checks a baseline adds. */
  public static final String REGRESSION_PREFIX = "budgets.regression.";
  public static final String API_REGRESSION = REGRESSION_PREFIX + "api-percent";
  public static final String ML_REGRESSION = REGRESSION_PREFIX + "ml-percent";
  public static final String SPIKE_RECOVERY = "budgets.spike.recovery";
  public static final String PEAK_ERROR_RATE = "budgets.spike.peak-error-rate-percent";
  public static final String ABORT_ERROR_RATE = "budgets.abort.error-rate-percent";
  public static final String ABORT_WINDOW = "budgets.abort.window";
  public static final String SCALING_PREFIX = "budgets.scalability.";
  public static final String RESPONSE_TIME_DEGRADATION = SCALING_PREFIX + "response-time-degradation-percent";
  public static final String THROUGHPUT_DEGRADATION = SCALING_PREFIX + "throughput-degradation-percent";
  public static final String ERROR_RATE_INCREASE = SCALING_PREFIX + "error-rate-increase-percent";
  public static final String MIN_SCALING_EFFICIENCY = SCALING_PREFIX + "min-scaling-efficiency-percent";

  public static Thresholds of(List<Budget> budgets) {
    return new Thresholds(
        limit(budgets, MIN_THROUGHPUT, 95),
        limit(budgets, API_REGRESSION, 10),
        limit(budgets, ML_REGRESSION, 15),
        Duration.ofMillis(Math.round(limit(budgets, SPIKE_RECOVERY, 30_000))),
        limit(budgets, PEAK_ERROR_RATE, 5),
        limit(budgets, ABORT_ERROR_RATE, 90),
        Duration.ofMillis(Math.round(limit(budgets, ABORT_WINDOW, 10_000))),
        new Scaling(limit(budgets, RESPONSE_TIME_DEGRADATION, 50), limit(budgets, THROUGHPUT_DEGRADATION, 30),
            limit(budgets, ERROR_RATE_INCREASE, 5), limit(budgets, MIN_SCALING_EFFICIENCY, 70)));
  }

  /** The regression threshold of a row: the API one for REST rows, the ML pipeline one for the others. */
  public double regressionPercent(boolean restRow) {
    return restRow ? apiRegressionPercent : mlRegressionPercent;
  }

  private static double limit(List<Budget> budgets, String key, double fallback) {
    return budgets.stream().filter(b -> b.key().equals(key)).mapToDouble(Budget::limit).findFirst().orElse(fallback);
  }
}
