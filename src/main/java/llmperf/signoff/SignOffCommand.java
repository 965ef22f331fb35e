package llmperf.signoff;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import llmperf.config.ConfigError;
import llmperf.signoff.analysis.Baseline;
import llmperf.signoff.analysis.Summary;
import llmperf.signoff.trends.History;
import llmperf.signoff.trends.HistoryLine;

/**
 * The sign-off's explicit commands, run with
 * {@code mvn -q compile exec:java -Dexec.mainClass=llmperf.signoff.SignOffCommand -Dexec.args="..."}:
 * <ul>
 *   <li>{@code save-baseline <run folder>}: make that run the baseline of its simulation and scale;</li>
 *   <li>{@code history [simulation]}: the headline figures of every recorded run, one row per run and commit;</li>
 *   <li>{@code compare <run folder A> <run folder B>}: B against A as its baseline, as the sign-off compares a run
 *       with its stored baseline;</li>
 *   <li>{@code merge <run folder> <run folder>...}: several load generators' runs of one simulation judged as one
 *       run, in a new folder.</li>
 * </ul>
 * Bad input ends the command with one line and status 1; a merged run that fails its sign-off, with status 2.
 */
public final class SignOffCommand {

  public static final int REFUSED_STATUS = 1;
  private static final String USAGE = "usage: save-baseline <run folder> | history [simulation]"
      + " | compare <run folder A> <run folder B> | merge <run folder> <run folder>...";

  private SignOffCommand() {}

  public static void main(String[] args) {
    int status = run(args, System.out, System.err);
    if (status != 0) {
      // Thrown back to exec:java, the line would come wrapped in the plugin's failure and Maven's help.
      System.exit(status);
    }
  }

  /** Runs one command; its output to {@code out}, a refusal's one line to {@code err}; returns the exit status. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    try {
      String command = args.length == 0 ? "" : args[0];
      List<Path> folders = Arrays.stream(args).skip(1).map(Path::of).toList();
      switch (command) {
        case "save-baseline" -> saveBaseline(only(folders, 1).get(0), out);
        case "history" -> printHistory(args.length > 1 ? args[1] : null, out);
        case "compare" -> RunComparison.print(only(folders, 2).get(0), folders.get(1), out);
        case "merge" -> {
          SignOffVerdict verdict = RunMerge.merge(folders);
          verdict.lines().forEach(out::println);
          return verdict.passed() ? 0 : SignOffVerdict.FAILED_STATUS;
        }
        default -> throw new IllegalArgumentException(USAGE);
      }
      return 0;
    } catch (IllegalArgumentException | ConfigError refused) {
      err.println(refused.getMessage());
    } catch (IOException | UncheckedIOException unreadable) {
      err.println("cannot read or write the run: " + unreadable.getMessage());
    }
    return REFUSED_STATUS;
  }

  private static List<Path> only(List<Path> folders, int count) {
    if (folders.size() != count) {
      throw new IllegalArgumentException(USAGE);
    }
    return folders;
  }

  private static void saveBaseline(Path runFolder, PrintStream out) {
    Summary summary = RunComparison.summaryOf(runFolder);
    if (!summary.passed()) {
      throw new IllegalArgumentException(runFolder + " did not pass its sign-off: a failed run is not a baseline");
    }
    Path saved = Baseline.from(summary, runFolder.toString()).save();
    out.println("Baseline of " + summary.run().simulation() + " at scale " + summary.run().scale()
        + " is now " + runFolder + " (" + saved + "); commit it to keep it.");
  }

  private static void printHistory(String simulation, PrintStream out) throws IOException {
    Path results = Path.of("results");
    History history = History.read(results);
    if (history.lines().isEmpty() && history.unreadable().isEmpty()) {
      out.println("no runs recorded yet in " + History.fileOf(results));
      return;
    }
    out.println("| commit | simulation | scale | run | verdict | errors % | output tokens/s | p95 (ms) |");
    out.println("|---|---|---|---|---|---|---|---|");
    for (HistoryLine run : history.lines()) {
      if (simulation != null && !run.simulation().equalsIgnoreCase(simulation)) {
        continue;
      }
      StringBuilder p95 = new StringBuilder();
      run.p95().forEach((row, ms) -> p95.append(row).append(' ').append(ms).append("; "));
      out.printf("| %.8s | %s | %s | %s | %s | %s | %.1f | %s |%n", run.commit(), run.simulation(), run.scale(),
          run.run(), run.passed() ? "PASS" : "FAIL", run.errorPercent() == null ? "-"
          : String.format(Locale.ROOT, "%.2f", run.errorPercent()), run.outputTokensPerSecond(), p95);
    }
    history.unreadable().forEach(line -> out.println("left out of " + History.fileOf(results) + ": " + line));
  }
}
