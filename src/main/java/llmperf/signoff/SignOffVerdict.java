package llmperf.signoff;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import llmperf.signoff.analysis.RunPlan;
import llmperf.signoff.analysis.Summary;
import llmperf.signoff.render.Texts;

/**
 * The one verdict of a run, which decides the build: the sign-off's judgement of every budget and phase. It fails
 * closed: when it cannot judge (no run folder, a log it cannot read, an exception) the run fails, with one line
 * saying why.
 *
 * @param summary what the sign-off wrote, or null when it could not judge
 * @param lines what the console shows: the verdict, then each budget with its actual value, or why nothing was judged
 */
public record SignOffVerdict(Path runFolder, Summary summary, List<String> lines) {

  /** The process exit status for a build that must fail: the one Gatling uses for failed assertions. */
  public static final int FAILED_STATUS = 2;

  /** Whether the run passed: its sign-off was written and passed. */
  public boolean passed() {
    return summary != null && summary.passed();
  }

  /**
   * Finds the run folder the simulation wrote under {@code results} since {@code startedAt}, and writes and judges
   * its sign-off.
   */
  public static SignOffVerdict judge(Path results, String simulationClass, long startedAt, Supplier<RunPlan> plan) {
    Path runFolder = RunFolders.newest(results, simulationClass, startedAt);
    if (runFolder == null) {
      return notJudged(null, "no run folder of " + simulationClass + " with a simulation.log in " + results
          + " (did Gatling write its results elsewhere, or crash before it wrote them?)");
    }
    return judge(runFolder, plan);
  }

  /** Writes and judges the sign-off of one run folder. */
  public static SignOffVerdict judge(Path runFolder, Supplier<RunPlan> plan) {
    Summary summary;
    try {
      summary = SignOff.write(runFolder, plan.get());
    } catch (Exception e) {
      return notJudged(runFolder, "the sign-off of " + runFolder + " could not be written: " + (e.getMessage() != null ? e.getMessage() : e));
    }
    return of(runFolder, summary);
  }

  /** The verdict of a written sign-off: its console lines. */
  static SignOffVerdict of(Path runFolder, Summary summary) {
    List<String> lines = new ArrayList<>();
    lines.add("Sign-off: " + (summary.passed() ? "PASS" : "FAIL") + "  " + runFolder.resolve("signoff.html"));
    List<String> budgetLines = new ArrayList<>();
    summary.budgets().forEach(budget -> {
      budgetLines.add(budget.describe());
      lines.add("  " + (budget.passed() ? "PASS " : "FAIL ") + budget.describe());
    });
    summary.reasons().stream().filter(reason -> !budgetLines.contains(reason))
        .forEach(reason -> lines.add("  FAIL " + reason));
    String resent = Texts.resendSentence(summary.run());
    if (resent != null) {
      lines.add("  " + resent);
    }
    return new SignOffVerdict(runFolder, summary, List.copyOf(lines));
  }

  private static SignOffVerdict notJudged(Path runFolder, String why) {
    return new SignOffVerdict(runFolder, null, List.of("Sign-off: FAIL, nothing judged: " + why));
  }
}
