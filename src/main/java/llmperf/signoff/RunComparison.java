package llmperf.signoff;

import static llmperf.signoff.analysis.Figures.decimal;
import static llmperf.signoff.analysis.Figures.signedPercent;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import llmperf.signoff.analysis.Baseline;
import llmperf.signoff.analysis.RunAnalysis;
import llmperf.signoff.analysis.RunPlan;
import llmperf.signoff.analysis.Summary;

/**
 * {@code SignOffCommand compare A B}: run B against run A as its baseline, by the very comparison the sign-off makes
 * of a run against its stored baseline (A's summary taken as a baseline file would be; B's log judged again with its
 * saved plan), printed as a table of the compared rows side by side.
 */
final class RunComparison {

  private RunComparison() {}

  static void print(Path baselineFolder, Path folder, PrintStream out) throws IOException {
    Summary baselineRun = summaryOf(baselineFolder);
    Path log = folder.resolve("simulation.log");
    if (!Files.isRegularFile(log)) {
      throw new IllegalArgumentException(folder + " has no simulation.log: pass the folder of a finished run");
    }
    RunPlanFile saved = RunPlanFile.read(folder);
    RunPlan plan = saved.plan();
    Summary.Run base = baselineRun.run();
    if (!base.simulation().equals(plan.simulation()) || !base.scale().equals(plan.scale())) {
      throw new IllegalArgumentException(baselineFolder + " is a run of " + base.simulation() + " at scale "
          + base.scale() + ", " + folder + " of " + plan.simulation() + " at scale " + plan.scale()
          + ": compare runs of one simulation and scale");
    }
    Summary.Comparison comparison = RunAnalysis.summarize(log, plan, saved.gitCommit(),
        Baseline.from(baselineRun, baselineFolder.toString())).baseline();
    out.println("B against A as its baseline, " + plan.simulation() + " at scale " + plan.scale() + ":");
    out.println("  A: " + baselineFolder + ", commit " + base.gitCommit());
    out.println("  B: " + folder + ", commit " + saved.gitCommit());
    out.println(comparison.status() + ": " + comparison.note());
    if (comparison.deltas().isEmpty()) {
      return;
    }
    out.println("| row | A p95 (ms) | B p95 (ms) | change | 95 % interval | threshold | result |");
    out.println("|---|---|---|---|---|---|---|");
    for (Summary.Comparison.Delta delta : comparison.deltas()) {
      out.println("| " + delta.path() + " | " + delta.baselineP95() + " | " + delta.currentP95() + " | "
          + signedPercent(delta.changePercent()) + " | " + delta.interval().text() + " | +"
          + decimal(delta.thresholdPercent()) + " % | " + (delta.regression() ? "REGRESSION" : delta.interval().verdict())
          + " |");
    }
    long regressions = comparison.deltas().stream().filter(Summary.Comparison.Delta::regression).count();
    out.println(regressions + " of " + comparison.deltas().size() + " compared rows regressed.");
  }

  /** The sign-off a run folder holds; one line naming the file when it has none or it cannot be read. */
  static Summary summaryOf(Path folder) {
    Path file = folder.resolve("summary.json");
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(folder + " has no summary.json: pass the folder of a finished run");
    }
    try {
      return new ObjectMapper().readValue(file.toFile(), Summary.class);
    } catch (IOException e) {
      throw new IllegalArgumentException(file + " is not a readable sign-off: "
          + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
    }
  }
}
