package llmperf.signoff;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import llmperf.signoff.analysis.Baseline;
import llmperf.signoff.analysis.RunAnalysis;
import llmperf.signoff.analysis.RunPlan;
import llmperf.signoff.analysis.Summary;
import llmperf.signoff.render.SignOffJunit;
import llmperf.signoff.render.SignOffMarkdown;
import llmperf.signoff.render.SignOffPage;
import llmperf.signoff.render.TrendsPage;
import llmperf.signoff.trends.History;
import llmperf.signoff.trends.HistoryLine;
import llmperf.signoff.trends.Trends;

/**
 * Writes a run's sign-off next to Gatling's index.html: summary.json (machine-readable), signoff.html (the one
 * page a release reviewer reads), summary.md (for CI job pages), signoff-junit.xml (for CI test results) and
 * runplan.json (to judge the folder again); appends the run to the history and draws the results folder's trends.html
 * again.
 */
public final class SignOff {

  public static final String TRENDS = "trends.html";
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private SignOff() {}

  public static Summary write(Path runFolder, RunPlan plan) throws IOException {
    String commit = GitCommit.current();
    Summary summary = RunAnalysis.summarize(runFolder.resolve("simulation.log"), plan, commit,
        Baseline.load(plan.simulation(), plan.scale()));
    RunPlanFile.write(runFolder, plan, commit);
    writeReports(runFolder, summary, 1);
    return summary;
  }

  /**
   * summary.json, signoff.html, summary.md and signoff-junit.xml in the run folder, the run's line in its results folder's history,
   * and that folder's trends.html.
   *
   * @param generators the load generators whose runs the summary merges, 1 for a run of one
   */
  static void writeReports(Path runFolder, Summary summary, int generators) throws IOException {
    JSON.writeValue(runFolder.resolve("summary.json").toFile(), summary);
    Files.writeString(runFolder.resolve("signoff.html"), SignOffPage.render(summary), StandardCharsets.UTF_8);
    Files.writeString(runFolder.resolve("summary.md"), SignOffMarkdown.render(summary), StandardCharsets.UTF_8);
    Files.writeString(runFolder.resolve(SignOffJunit.FILE), SignOffJunit.render(summary), StandardCharsets.UTF_8);
    Path results = runFolder.toAbsolutePath().getParent();
    History.append(results, HistoryLine.of(summary, runFolder.getFileName().toString(), generators));
    Files.writeString(results.resolve(TRENDS), TrendsPage.render(Trends.of(History.read(results),
        Trends::storedBaselineRun)), StandardCharsets.UTF_8);
  }
}
