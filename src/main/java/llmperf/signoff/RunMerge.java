package llmperf.signoff;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import llmperf.signoff.analysis.Baseline;
import llmperf.signoff.analysis.MergedPlan;
import llmperf.signoff.analysis.MergedRuns;
import llmperf.signoff.analysis.RunPlan;
import llmperf.signoff.analysis.Summary;

/**
 * {@code SignOffCommand merge}: the run folders of several load generators that ran one simulation together, each
 * its share of the load, judged as one run. The sign-off (summary.json, signoff.html, summary.md) goes to a new
 * folder {@code <simulation>-merged-<time>} beside the first folder, and into that results folder's history and
 * trends. Each folder needs its simulation.log and runplan.json; runs of other simulations, scales, budgets or load
 * shapes are refused, one line each.
 */
final class RunMerge {

  /** As Gatling names run folders: UTC, to the millisecond. */
  private static final DateTimeFormatter FOLDER_TIME =
      DateTimeFormatter.ofPattern("yyyyMMddHHmmssSSS").withZone(ZoneOffset.UTC);

  private RunMerge() {}

  static SignOffVerdict merge(List<Path> folders) throws IOException {
    if (folders.size() < 2) {
      throw new IllegalArgumentException("merge needs the run folders of two load generators or more");
    }
    Set<Path> seen = new HashSet<>();
    List<RunPlanFile> plans = new ArrayList<>();
    List<MergedRuns.Generator> generators = new ArrayList<>();
    for (Path folder : folders) {
      if (!seen.add(folder.toAbsolutePath().normalize())) {
        throw new IllegalArgumentException(folder + " is given twice: each load generator's folder counts once");
      }
      Path log = folder.resolve("simulation.log");
      if (!Files.isRegularFile(log)) {
        throw new IllegalArgumentException(folder + " has no simulation.log: pass the run folder of each load"
            + " generator");
      }
      RunPlanFile saved = RunPlanFile.read(folder);
      refuseUnlike(folders.get(0), plans.isEmpty() ? saved.plan() : plans.get(0).plan(), folder, saved.plan());
      plans.add(saved);
      generators.add(new MergedRuns.Generator(folder.getFileName().toString(), log, saved.plan().generator()));
    }
    RunPlan plan = MergedPlan.of(plans.stream().map(RunPlanFile::plan).toList());
    String commit = plans.stream().map(RunPlanFile::gitCommit).distinct().collect(Collectors.joining(" + "));
    Path mergedFolder = newFolder(folders.get(0).toAbsolutePath().getParent(), plan.simulation());
    Summary summary = MergedRuns.summarize(generators, plan, commit, Baseline.load(plan.simulation(), plan.scale()),
        "../" + folders.get(0).getFileName() + "/index.html");
    SignOff.writeReports(mergedFolder, summary, folders.size());
    return SignOffVerdict.of(mergedFolder, summary);
  }

  private static void refuseUnlike(Path firstFolder, RunPlan first, Path folder, RunPlan plan) {
    if (!plan.simulation().equals(first.simulation()) || !plan.scale().equals(first.scale())) {
      throw new IllegalArgumentException(folder + " is a run of " + plan.simulation() + " at scale " + plan.scale()
          + ", " + firstFolder + " of " + first.simulation() + " at scale " + first.scale()
          + ": merge the runs of one simulation and scale");
    }
    if (!MergedPlan.judgedAlike(first, plan)) {
      throw new IllegalArgumentException(folder + " was planned with other budgets or another load shape than "
          + firstFolder + ": run every load generator with the same settings");
    }
  }

  private static Path newFolder(Path results, String simulation) throws IOException {
    Path folder = results.resolve(simulation.toLowerCase() + "-merged-" + FOLDER_TIME.format(Instant.now()));
    try {
      return Files.createDirectory(folder);
    } catch (FileAlreadyExistsException e) {
      throw new IllegalArgumentException(folder + " exists already: merge again in a moment");
    }
  }
}
