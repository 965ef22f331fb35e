package llmperf.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import llmperf.budgets.Thresholds;
import llmperf.signoff.RunPlanFile;
import llmperf.signoff.SignOffCommand;
import llmperf.signoff.analysis.RunAnalysis;
import llmperf.signoff.analysis.Summary;
import llmperf.suite.simulations.Steady;
import llmperf.support.GatlingRun;
import org.junit.jupiter.api.Test;

/**
 * Two load generators' Steady runs, each at half the compressed rate, merged by the sign-off command into one run: the
 * request counts of both, and the verdict of one Steady at twice the rate. The two run one after the other here
 * (one Gatling at a time in this JVM); the merge aligns them by their absolute timestamps either way. Each half
 * draws 26 journeys, enough for the mix's rarest (health, 1 in 25) to run in both.
 */
class MergedGeneratorsIT {

  private static final Map<String, String> HALF = Map.of("scales.ci.steady.rate", "4");

  @Test
  void twoSteadyHalvesMergedCountAsOneSteadyAtTwiceTheRate() throws IOException {
    GatlingRun.Outcome one = GatlingRun.run(Steady.class, HALF);
    GatlingRun.Outcome two = GatlingRun.run(Steady.class, HALF);
    GatlingRun.Outcome whole = GatlingRun.run(Steady.class, Map.of("scales.ci.steady.rate", "8"));

    RunPlanFile saved = RunPlanFile.read(one.runFolder());
    Summary again = RunAnalysis.summarize(one.runFolder().resolve("simulation.log"), saved.plan(), saved.gitCommit(),
        null);
    ObjectMapper json = new ObjectMapper();
    assertEquals(json.writeValueAsString(one.signOff()), json.writeValueAsString(again),
        "the folder judged again from its runplan.json says what its sign-off said");

    Summary merged = merge(one.runFolder(), two.runFolder());
    Map<String, Long> counts = counts(one.signOff());
    counts(two.signOff()).forEach((row, count) -> counts.merge(row, count, Long::sum));
    assertEquals(counts, counts(merged), "every row holds the requests of both generators");
    assertEquals(2, merged.generators().size());
    List<String> differing = new ArrayList<>(verdicts(merged));
    differing.removeAll(verdicts(whole.signOff()));
    assertEquals(List.of(), differing, "the verdict of one run at twice the rate");
    assertEquals(verdicts(whole.signOff()).size(), verdicts(merged).size(), "the same budgets judged");
    assertEquals(whole.signOff().passed(), merged.passed());
    assertTrue(merged.passed(), merged.reasons().toString());
  }

  /** Merged with no stored baseline, as the whole run was judged. */
  private static Summary merge(Path one, Path two) throws IOException {
    Path baselines = Files.createTempDirectory("no-baselines");
    String previous = System.setProperty("llmperf.baselines", baselines.toString());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      int status = SignOffCommand.run(new String[] {"merge", one.toString(), two.toString()},
          new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
      assertEquals(0, status, out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8));
    } finally {
      if (previous == null) {
        System.clearProperty("llmperf.baselines");
      } else {
        System.setProperty("llmperf.baselines", previous);
      }
    }
    try (Stream<Path> folders = Files.list(one.getParent())) {
      Path merged = folders.filter(f -> f.getFileName().toString().startsWith("steady-merged-")).findFirst()
          .orElseThrow();
      return new ObjectMapper().readValue(merged.resolve("summary.json").toFile(), Summary.class);
    }
  }

  private static Map<String, Long> counts(Summary summary) {
    return summary.rows().stream().collect(Collectors.toMap(Summary.RowStats::name, Summary.RowStats::count));
  }

  /** Each budget's outcome; throughput by its key, its path naming the journeys planned. */
  private static List<String> verdicts(Summary summary) {
    return summary.budgets().stream().map(b -> (b.key().equals(Thresholds.MIN_THROUGHPUT) ? b.key()
        : b.key() + " on " + b.path()) + (b.passed() ? " PASS" : " FAIL")).sorted().toList();
  }
}
