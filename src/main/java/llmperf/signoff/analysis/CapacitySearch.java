package llmperf.signoff.analysis;

import java.util.List;

/**
 * The Capacity simulation's search, as its sign-off reports it: every probe (a steady run of its own, judged on
 * every budget), the highest rate at which every budget held, and what broke first above it. The Capacity run itself
 * then holds that rate and is judged as any steady run.
 *
 * @param probes in the order they ran
 * @param maxRatePerSec the highest rate that held, or null when none did
 * @param limitRatePerSec the lowest rate that broke, or null when none did
 * @param precisionPercent the bracket's width the search was asked to reach (capacity.precision)
 * @param stoppedBy why the search ended: the bracket narrow enough, the max rate held, no rate held, or its time
 */
public record CapacitySearch(List<Probe> probes, Double maxRatePerSec, Double limitRatePerSec,
    double precisionPercent, String stoppedBy) {

  /**
   * One probe.
   *
   * @param failedBudgets the sign-off's line of each budget that failed (or why the probe could not be judged)
   * @param requestsPerSec requests a user saw, per second of the measured probe (a reply counted once)
   * @param outputTokensPerSec what the target served in the measured probe
   * @param runFolder where the probe's own sign-off is
   */
  public record Probe(double ratePerSec, boolean held, List<String> failedBudgets, double requestsPerSec,
      double outputTokensPerSec, double errorPercent, String runFolder) {

    /** The first few failed budgets, and how many more: for a sentence or a console line. */
    public String failedInShort() {
      int shown = Math.min(FAILURES_IN_SHORT, failedBudgets.size());
      String first = String.join("; ", failedBudgets.subList(0, shown));
      return shown == failedBudgets.size() ? first : first + " (and " + (failedBudgets.size() - shown) + " more)";
    }
  }

  private static final int FAILURES_IN_SHORT = 3;

  /** The probe that set the capacity: the highest that held. */
  public Probe atCapacity() {
    return probes.stream().filter(probe -> maxRatePerSec != null && probe.held()
        && probe.ratePerSec() == maxRatePerSec).findFirst().orElse(null);
  }

  /** The probe just above the capacity: the lowest that broke; its failed budgets are what limits the rate. */
  public Probe aboveCapacity() {
    return probes.stream().filter(probe -> limitRatePerSec != null && !probe.held()
        && probe.ratePerSec() == limitRatePerSec).findFirst().orElse(null);
  }

  /** Whether the search found a rate meeting every budget: the Capacity run fails when it did not. */
  public boolean found() {
    return maxRatePerSec != null;
  }
}
