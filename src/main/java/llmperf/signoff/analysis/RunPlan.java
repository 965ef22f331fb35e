package llmperf.signoff.analysis;

import java.util.List;
import java.util.Map;
import java.util.Set;
import llmperf.budgets.Budget;
import llmperf.budgets.BudgetCheck;
import llmperf.budgets.Thresholds;
import llmperf.client.StreamClient;
import llmperf.metrics.ConversationTally;
import llmperf.metrics.GeneratorMonitor;
import llmperf.metrics.StreamTally;
import llmperf.metrics.TruthTally;
import llmperf.resources.ResourceSamples;

/**
 * What a simulation set out to do, as the sign-off needs to judge it: the budgets and the paths they apply to,
 * and the phases of its load shape; and the stream figures of the run that simulation.log cannot carry.
 *
 * @param checks every budget the run asserts, with its report path (regression checks included)
 * @param windowChecks the budgets of the mix without any phase group, which every window is judged by
 * @param apiRows paths of REST rows (regression threshold for APIs); other rows use the ML pipeline threshold
 * @param windowMs width of the per-window analysis
 * @param spike the spike's timing, or null when the shape has none
 * @param stairs the stairs of a staircase, empty otherwise
 * @param soak whether the run is judged for drift between its first and last window
 * @param expectedJourneys journeys a steady run should complete at its target rate (0: not judged)
 * @param thresholds the limits of the sign-off's own judgements (throughput, regression)
 * @param streamTallies output tokens and content gaps of the OK replies, by the group path of their rows, counted
 *     during the run
 * @param truthTallies the OK replies held against the reference server's record, by group path; empty when the
 *     server ran elsewhere
 * @param generator how the load generator fared during the run
 * @param aborted why the load was stopped before its planned end (budgets.abort), or null
 * @param scaling the two steps of a scalability run, or null
 * @param resources the target's own resources sampled during the run, or why none were
 * @param resourceBudgets the budgets on the target's series (budgets.target.*)
 * @param conversations the OK conversation turns by group path, counted during the run
 * @param resends streamed requests of the run, and those re-sent after the server closed a kept-alive connection
 * @param capacity the Capacity simulation's search, run before this run's own load; null for any other simulation
 */
public record RunPlan(
    String simulation,
    String scale,
    String target,
    List<BudgetCheck> checks,
    List<BudgetCheck> windowChecks,
    Set<List<String>> apiRows,
    long windowMs,
    Spike spike,
    List<Stair> stairs,
    boolean soak,
    long expectedJourneys,
    Thresholds thresholds,
    Map<String, StreamTally> streamTallies,
    Map<String, TruthTally> truthTallies,
    GeneratorMonitor.Health generator,
    String aborted,
    Scaling scaling,
    ResourceSamples resources,
    List<Budget> resourceBudgets,
    Map<String, ConversationTally> conversations,
    StreamClient.Resends resends,
    CapacitySearch capacity) {

  /**
   * A spike's timing, from the start of the measured load.
   *
   * @param surgeStartOffsetMs when the ramp up to the peak starts
   * @param peakEndOffsetMs when the peak load ends (the ramp back to base starts)
   * @param surgeEndOffsetMs when the ramp back to base ends
   * @param peakErrorPercent the error rate the requests started in the surge may reach
   */
  public record Spike(long surgeStartOffsetMs, long peakEndOffsetMs, long surgeEndOffsetMs, long allowedRecoveryMs,
      double peakErrorPercent) {}

  public record Stair(String group, double ratePerSec, List<BudgetCheck> checks) {}

  /** A scalability run's steps: the groups their journeys ran in, their concurrent users, and how long each ran. */
  public record Scaling(String lowGroup, int lowUsers, long lowDurationMs, String highGroup, int highUsers,
      long highDurationMs) {}
}
