package llmperf.signoff.analysis;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import llmperf.metrics.GeneratorMonitor;
import llmperf.signoff.log.SimulationLogReader;

/**
 * Judges several load generators' runs of one simulation as one run: their simulation.logs read into one tally, on
 * the absolute timestamps the logs carry, so that rows add up and every window spans what all generators sent in it.
 * The measured load starts with the earliest generator's.
 */
public final class MergedRuns {

  private MergedRuns() {}

  /**
   * One load generator's run.
   *
   * @param name its run folder's name, which names its row in the load generator table
   * @param health how it fared, or null when it was not watched
   */
  public record Generator(String name, Path simulationLog, GeneratorMonitor.Health health) {}

  /**
   * @param plan the generators' plans merged ({@link MergedPlan#of})
   * @param gatlingReport where the page links for Gatling's report, relative to the merged folder
   */
  public static Summary summarize(List<Generator> generators, RunPlan plan, String gitCommit, Baseline baseline,
      String gatlingReport) throws IOException {
    long start = Long.MAX_VALUE;
    for (Generator generator : generators) {
      RunTally alone = new RunTally(plan.windowMs(), null, null);
      SimulationLogReader.read(generator.simulationLog(), alone);
      start = Math.min(start, alone.start());
    }
    RunTally run = new RunTally(plan.windowMs(), plan.spike(), plan.scaling());
    run.measuredFrom(start);
    for (Generator generator : generators) {
      SimulationLogReader.read(generator.simulationLog(), run);
    }
    Summary s = RunAnalysis.summarize(run, plan, gitCommit, baseline);
    Summary.Run r = s.run();
    Summary.Run merged = new Summary.Run(r.simulation(), r.scale(), r.target(), r.gitCommit(), r.startEpochMs(),
        r.endEpochMs(), gatlingReport, r.warmUpRequests(), r.streamedRequests(), r.resentRequests());
    // Each generator's row judges its own health; the TTFT error over the merged replies is judged once, above them.
    List<Summary.Generator> rows = generators.stream().filter(g -> g.health() != null)
        .map(g -> named(g.name(), GeneratorVerdict.of(g.health(), List.of(), plan.checks()))).toList();
    return new Summary(merged, s.passed(), s.reasons(), s.budgets(), s.rows(), s.streaming(), s.audio(), s.baseline(),
        s.windows(), s.phases(), s.generator(), s.errors(), s.resources(), s.conversations(), s.serverLatency(), rows);
  }

  private static Summary.Generator named(String name, Summary.Generator g) {
    return new Summary.Generator(g.lagP50Ms(), g.lagP99Ms(), g.lagMaxMs(), g.cpuMean(), g.cpuMax(), g.cores(),
        g.gcMillis(), g.gcPercent(), g.openFilesMax(), g.openFilesLimit(), g.reliable(), name + ": " + g.verdict(),
        g.scheduleDelayP50Ms(), g.scheduleDelayP99Ms(), g.scheduleDelayMaxMs(), g.requestedRatePerSec(),
        g.achievedRatePerSec(), g.achievedRatePercent(), g.lowestWindowRatePercent(), g.scheduleWindows(),
        g.fromDue());
  }
}
