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
import java.util.TreeMap;

/**
 * Prints what bench/false-alarms.sh measured: per simulation, how many of its healthy runs passed their sign-off (and
 * how many builds the exit status failed), the reasons of those that did not; then, per row of every simulation, the
 * spread of its p95 between the runs (rows with at least 30 samples in every run: the ones a baseline compares),
 * the run-to-run noise the regression floors must stay above.
 *
 * <p>Argument: the file the script wrote, one line per run: {@code <simulation> <exit status> <run folder or ->}.
 */
public final class FalseAlarms {

  private static final int MIN_SAMPLES = 30;

  private FalseAlarms() {}

  private record Run(String simulation, int exitStatus, JsonNode summary) {}

  public static void main(String[] args) throws IOException {
    ObjectMapper json = new ObjectMapper();
    Map<String, List<Run>> bySimulation = new LinkedHashMap<>();
    for (String line : Files.readAllLines(Path.of(args[0]))) {
      String[] fields = line.trim().split(" ");
      Path summary = Path.of(fields[2], "summary.json");
      JsonNode read = !fields[2].equals("-") && Files.isRegularFile(summary) ? json.readTree(summary.toFile()) : null;
      bySimulation.computeIfAbsent(fields[0], s -> new ArrayList<>()).add(new Run(fields[0], Integer.parseInt(fields[1]), read));
    }
    System.out.println("| simulation | sign-off passed | build green | why the others failed |");
    System.out.println("|---|---|---|---|");
    bySimulation.forEach((simulation, runs) -> {
      long passed = runs.stream().filter(r -> r.summary() != null && r.summary().path("passed").asBoolean()).count();
      long green = runs.stream().filter(r -> r.exitStatus() == 0).count();
      List<String> reasons = new ArrayList<>();
      runs.stream().filter(r -> r.summary() == null || !r.summary().path("passed").asBoolean()).forEach(r -> reasons.add(
          r.summary() == null ? "no sign-off (exit " + r.exitStatus() + ")" : r.summary().path("reasons").toString()));
      System.out.printf("| %s | %d of %d | %d of %d | %s |%n", simulation, passed, runs.size(), green, runs.size(),
          String.join("; ", reasons));
    });
    System.out.println();
    System.out.println("| simulation | row | runs | p95 min (ms) | p95 max (ms) | spread (ms) | spread % of min |");
    System.out.println("|---|---|---|---|---|---|---|");
    bySimulation.forEach((simulation, runs) -> spreads(runs).forEach((row, p95s) -> {
      long min = p95s.stream().mapToLong(Long::longValue).min().orElse(0);
      long max = p95s.stream().mapToLong(Long::longValue).max().orElse(0);
      System.out.printf("| %s | %s | %d | %d | %d | %d | %.0f %% |%n", simulation, row, p95s.size(), min, max, max - min,
          100.0 * (max - min) / Math.max(1, min));
    }));
  }

  /** Each row's p95 in every run that has it with enough samples; rows short of that in any run are left out. */
  private static Map<String, List<Long>> spreads(List<Run> runs) {
    Map<String, List<Long>> p95s = new TreeMap<>();
    List<Run> judged = runs.stream().filter(r -> r.summary() != null).toList();
    for (Run run : judged) {
      for (JsonNode row : run.summary().path("rows")) {
        if (row.path("path").size() < 2 || row.path("count").asLong() < MIN_SAMPLES) {
          continue;
        }
        List<String> path = new ArrayList<>();
        row.path("path").forEach(p -> path.add(p.asText()));
        String name = String.join(" / ", path);
        p95s.computeIfAbsent(name, n -> new ArrayList<>()).add(row.path("p95").asLong());
      }
    }
    p95s.values().removeIf(runsWithRow -> runsWithRow.size() < judged.size());
    return p95s;
  }
}
