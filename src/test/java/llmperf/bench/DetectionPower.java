package llmperf.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prints what bench/false-alarms.sh measured in its modes: per mode, its runs and how many of them the sign-off got
 * right. A healthy mode (steady, soak) is right when the run passed: a failure is a false alarm. A mode that injects
 * a change is right when the run failed for that change (latency: a regression check; errors: the error budget;
 * drift: the soak's drift), a detection; failing for something else is not one. Every run it got wrong is listed
 * with the sign-off's reasons.
 *
 * <p>Argument: the file the script wrote, one line per run: {@code <mode> <exit status> <run folder or ->}.
 */
public final class DetectionPower {

  /** What a detection's reason starts with, per mode that injects a change. */
  private static final Map<String, String> CAUGHT_BY = Map.of(
      "latency", "budgets.regression.",
      "errors", "budgets.all.error-rate-percent",
      "drift", "soak drift: drifted");

  private DetectionPower() {}

  private record Run(String mode, int exitStatus, String folder, JsonNode summary) {

    boolean passed() {
      return summary != null && summary.path("passed").asBoolean();
    }

    List<String> reasons() {
      List<String> reasons = new ArrayList<>();
      if (summary == null) {
        reasons.add("no sign-off (exit " + exitStatus + ")");
      } else {
        summary.path("reasons").forEach(reason -> reasons.add(reason.asText()));
      }
      return reasons;
    }

    /** Whether the sign-off judged this run as it should: passed when healthy, failed for the change otherwise. */
    boolean right() {
      String caughtBy = CAUGHT_BY.get(mode);
      return caughtBy == null ? passed() : reasons().stream().anyMatch(r -> r.startsWith(caughtBy));
    }
  }

  public static void main(String[] args) throws IOException {
    ObjectMapper json = new ObjectMapper();
    Map<String, List<Run>> byMode = new LinkedHashMap<>();
    for (String line : Files.readAllLines(Path.of(args[0]))) {
      String[] fields = line.trim().split(" ");
      Path summary = Path.of(fields[2], "summary.json");
      JsonNode read = !fields[2].equals("-") && Files.isRegularFile(summary) ? json.readTree(summary.toFile()) : null;
      byMode.computeIfAbsent(fields[0], m -> new ArrayList<>())
          .add(new Run(fields[0], Integer.parseInt(fields[1]), fields[2], read));
    }
    System.out.println("| mode | runs | false alarms | detections | the runs judged wrong, and why |");
    System.out.println("|---|---|---|---|---|");
    byMode.forEach((mode, runs) -> {
      long right = runs.stream().filter(Run::right).count();
      boolean healthy = !CAUGHT_BY.containsKey(mode);
      List<String> wrong = runs.stream().filter(r -> !r.right())
          .map(r -> r.folder() + ": " + (r.passed() ? "passed" : String.join("; ", r.reasons()))).toList();
      System.out.printf("| %s | %d | %s | %s | %s |%n", mode, runs.size(),
          healthy ? String.valueOf(runs.size() - right) : "", healthy ? "" : right + " of " + runs.size(),
          String.join("<br>", wrong));
    });
  }
}
