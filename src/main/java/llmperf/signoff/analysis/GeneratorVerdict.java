package llmperf.signoff.analysis;

import java.util.ArrayList;
import java.util.List;
import llmperf.budgets.BudgetCheck;
import llmperf.metrics.GeneratorMonitor;
import llmperf.metrics.RowNames;
import llmperf.metrics.ScheduleTally;

/**
 * Whether the load generator bent the run's figures: an event loop that ran its tasks late, journeys started late
 * against their schedule (the load sent was not the load asked for), a measurement error
 * that is a noticeable part of the TTFT budget, or sockets near the process's descriptor limit mean the numbers
 * describe the generator as much as the service. Such a run is marked, never silently trusted.
 */
final class GeneratorVerdict {

  /** Event-loop lag at the 99th percentile above this delays every timing by as much. */
  static final double MAX_LAG_P99_MS = GeneratorMonitor.LAG_LIMIT_MS;
  /** Journeys starting later than this after they were due (p99): the load asked for was not the load sent. */
  static final double MAX_SCHEDULE_DELAY_P99_MS = 10;
  /** The suite's TTFT error (p95) may be at most this share of the TTFT budget. */
  static final double MAX_TTFT_ERROR_SHARE = 0.05;
  /** File descriptors open at once, as a share of the limit, past which connections start to fail. */
  static final double MAX_OPEN_FILES_SHARE = 0.9;

  private GeneratorVerdict() {}

  static Summary.Generator of(GeneratorMonitor.Health health, List<Summary.Streaming> streaming,
      List<BudgetCheck> checks) {
    List<String> causes = new ArrayList<>();
    if (health.lagTicks() == 0) {
      causes.add("its event loops were never watched");
    } else if (health.lagP99Ms() > MAX_LAG_P99_MS) {
      causes.add(String.format("event-loop lag p99 %.1f ms, over %.0f ms", health.lagP99Ms(), MAX_LAG_P99_MS));
    }
    ScheduleTally.Figures schedule = health.schedule();
    if (schedule != null && schedule.delayP99Ms() > MAX_SCHEDULE_DELAY_P99_MS) {
      causes.add(String.format("schedule delay p99 %.1f ms, over %.0f ms", schedule.delayP99Ms(),
          MAX_SCHEDULE_DELAY_P99_MS));
    }
    for (Summary.Streaming journey : streaming) {
      double budget = BudgetCheck.p95Limit(checks, RunTally.with(List.of(journey.journey().split(" / ")),
          RowNames.TTFT));
      if (journey.truth() != null && journey.truth().ttftError().p95() > MAX_TTFT_ERROR_SHARE * budget) {
        causes.add(String.format("TTFT error p95 %.1f ms on %s, over %.0f %% of its %.0f ms budget",
            journey.truth().ttftError().p95(), journey.journey(), 100 * MAX_TTFT_ERROR_SHARE, budget));
      }
    }
    if (health.openFilesLimit() > 0 && health.openFilesMax() > MAX_OPEN_FILES_SHARE * health.openFilesLimit()) {
      causes.add(health.openFilesMax() + " of " + health.openFilesLimit() + " file descriptors open");
    }
    String verdict = causes.isEmpty() ? "figures reliable"
        : health.lagTicks() == 0 ? "figures unjudged: " + causes.get(0)
        : "figures unreliable: load generator saturated (" + String.join("; ", causes) + ")";
    Summary.Generator generator = new Summary.Generator(health.lagP50Ms(), health.lagP99Ms(), health.lagMaxMs(),
        health.cpuMean(), health.cpuMax(), health.cores(), health.gcMillis(), health.gcPercent(), health.openFilesMax(),
        health.openFilesLimit(), causes.isEmpty(), verdict);
    return schedule == null ? generator : withSchedule(generator, schedule);
  }

  private static Summary.Generator withSchedule(Summary.Generator g, ScheduleTally.Figures s) {
    return new Summary.Generator(g.lagP50Ms(), g.lagP99Ms(), g.lagMaxMs(), g.cpuMean(), g.cpuMax(), g.cores(),
        g.gcMillis(), g.gcPercent(), g.openFilesMax(), g.openFilesLimit(), g.reliable(), g.verdict(), s.delayP50Ms(),
        s.delayP99Ms(), s.delayMaxMs(), s.requestedPerSec(), s.achievedPerSec(),
        s.requestedPerSec() == 0 ? null : 100 * s.achievedPerSec() / s.requestedPerSec(), s.lowestWindowPercent(),
        s.windows(), s.fromDue());
  }
}
