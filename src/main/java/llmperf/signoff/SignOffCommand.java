package llmperf.signoff;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import llmperf.signoff.analysis.Baseline;
import llmperf.signoff.analysis.Summary;

/**
 * The sign-off's explicit commands, run with
 * {@code mvn -q compile exec:java -Dexec.mainClass=llmperf.signoff.SignOffCommand -Dexec.args="..."}:
 * <ul>
 *   <li>{@code save-baseline <run folder>}: make that run the baseline of its simulation and scale;</li>
 *   <li>{@code history [simulation]}: the headline figures of every recorded run, one row per run and commit.</li>
 * </ul>
 */
public final class SignOffCommand {

  private static final String USAGE = "usage: save-baseline <run folder> | history [simulation]";

  private SignOffCommand() {}

  public static void main(String[] args) throws IOException {
    if (args.length == 2 && args[0].equals("save-baseline")) {
      saveBaseline(Path.of(args[1]));
    } else if (args.length >= 1 && args[0].equals("history")) {
      printHistory(args.length > 1 ? args[1] : null);
    } else {
      throw new IllegalArgumentException(USAGE);
    }
  }

  private static void saveBaseline(Path runFolder) throws IOException {
    Path summaryFile = runFolder.resolve("summary.json");
    if (!Files.isRegularFile(summaryFile)) {
      throw new IllegalArgumentException(runFolder + " has no summary.json: pass the folder of a finished run");
    }
    Summary summary = new ObjectMapper().readValue(summaryFile.toFile(), Summary.class);
    if (!summary.passed()) {
      throw new IllegalArgumentException(runFolder + " did not pass its sign-off: a failed run is not a baseline");
    }
    Path saved = Baseline.from(summary, runFolder.toString()).save();
    System.out.println("Baseline of " + summary.run().simulation() + " at scale " + summary.run().scale()
        + " is now " + runFolder + " (" + saved + "); commit it to keep it.");
  }

  private static void printHistory(String simulation) throws IOException {
    Path history = SignOff.historyOf(Path.of("results"));
    if (!Files.isRegularFile(history)) {
      System.out.println("no runs recorded yet in " + history);
      return;
    }
    ObjectMapper json = new ObjectMapper();
    System.out.println("| commit | simulation | scale | run | verdict | errors % | output tokens/s | p95 (ms) |");
    System.out.println("|---|---|---|---|---|---|---|---|");
    List<String> lines = Files.readAllLines(history);
    for (String line : lines) {
      JsonNode run = json.readTree(line);
      if (simulation != null && !run.path("simulation").asText().equalsIgnoreCase(simulation)) {
        continue;
      }
      StringBuilder p95 = new StringBuilder();
      run.path("p95").fields().forEachRemaining(f -> p95.append(f.getKey()).append(' ').append(f.getValue()).append("; "));
      System.out.printf("| %.8s | %s | %s | %s | %s | %.2f | %.1f | %s |%n", run.path("commit").asText(),
          run.path("simulation").asText(), run.path("scale").asText(), run.path("run").asText(),
          run.path("passed").asBoolean() ? "PASS" : "FAIL", run.path("error_percent").asDouble(),
          run.path("output_tokens_per_s").asDouble(), p95);
    }
  }
}
