package llmperf.bench;

import java.util.Map;

/**
 * One row of the table. CPU is in cores busy on average over the window: the target's event loops, the
 * client's, this whole process (both, plus GC and JIT), and the other processes of the machine, which should
 * be near 0 for a clean measurement (the machine may be shared).
 */
record LevelResult(int concurrency, long completed, double streamsPerSecond, double tokensPerSecond,
    double ttftP50, double ttftP95, double ttftP99, double configuredTtft, long errors,
    Map<String, Long> errorKinds, double serverCpu, double clientCpu, double processCpu, double otherCpu) {

  /** The verdict: a level is sustained while p95 TTFT stays within this factor of the planned TTFT. */
  static final double TTFT_TOLERANCE = 1.10;
  /** Cores used by other processes above which a level is flagged as disturbed. */
  private static final double OTHER_CPU_NOISE = 0.15;

  static final String HEADER = String.format(
      "%6s %9s %9s %9s %8s %8s %8s %8s %6s %6s %6s %7s %7s %7s %7s", "N", "completed", "streams/s",
      "tokens/s", "p50 ms", "p95 ms", "p99 ms", "conf ms", "p50 x", "p95 x", "errors", "srv cpu",
      "cli cpu", "all cpu", "oth cpu");

  double p50Ratio() {
    return ttftP50 / configuredTtft;
  }

  double p95Ratio() {
    return ttftP95 / configuredTtft;
  }

  boolean sustained() {
    return errors == 0 && completed > 0 && p95Ratio() <= TTFT_TOLERANCE;
  }

  String row() {
    return String.format(
        "%6d %9d %9.1f %9.0f %8.1f %8.1f %8.1f %8.1f %6.3f %6.3f %6d %7.2f %7.2f %7.2f %7.2f", concurrency,
        completed, streamsPerSecond, tokensPerSecond, ttftP50, ttftP95, ttftP99, configuredTtft, p50Ratio(),
        p95Ratio(), errors, serverCpu, clientCpu, processCpu, otherCpu);
  }

  boolean disturbed() {
    return otherCpu > OTHER_CPU_NOISE;
  }
}
