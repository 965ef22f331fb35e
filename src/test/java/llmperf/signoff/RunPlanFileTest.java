package llmperf.signoff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import llmperf.metrics.HistogramCounts;
import llmperf.metrics.TruthTally;
import llmperf.resources.Buckets;
import llmperf.resources.LatencyHistograms;
import llmperf.resources.ResourceSamples;
import llmperf.resources.ResourceSeries;
import llmperf.signoff.analysis.RunAnalysis;
import llmperf.signoff.analysis.RunPlan;
import llmperf.signoff.analysis.Summary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** runplan.json: a run folder judged again from it and its log says what its own sign-off said. */
class RunPlanFileTest {

  private static final long START = 1_700_000_000_000L;
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void aFolderJudgedAgainFromItsSavedPlanGivesTheSameSummary(@TempDir Path results) throws IOException {
    RunPlan plan = withTruthAndResources(WrittenRuns.plan("ci", 30, 2));
    Path folder = WrittenRuns.write(results, "written-20261201000000000", plan, START, 30, 120, 1);

    RunPlanFile saved = RunPlanFile.read(folder);
    Summary again = RunAnalysis.summarize(folder.resolve("simulation.log"), saved.plan(), saved.gitCommit(), null);

    Summary original = WrittenRuns.summary(folder);
    assertEquals(JSON.writeValueAsString(original), JSON.writeValueAsString(again));
    assertTrue(original.streaming().get(0).truth() != null, "the truth tally was saved");
    assertEquals(2, original.serverLatency().figures().get(0).requests(), "the server's histograms were saved");
  }

  @Test
  void aFolderWithoutAPlanOrWithABrokenOneIsOneLine(@TempDir Path folder) throws IOException {
    IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> RunPlanFile.read(folder));
    assertEquals(folder + " has no runplan.json (runs signed off before the plan was saved have none): it cannot be"
        + " judged again", missing.getMessage());
    Files.writeString(folder.resolve(RunPlanFile.NAME), "{\"plan\": [");
    IllegalArgumentException broken = assertThrows(IllegalArgumentException.class, () -> RunPlanFile.read(folder));
    assertTrue(broken.getMessage().startsWith(folder.resolve(RunPlanFile.NAME) + " is not a readable run plan: "),
        broken.getMessage());
    assertEquals(1, broken.getMessage().lines().count());
  }

  /** A truth tally, a sampled series, and latency histograms whose last bound is +Inf. */
  private static RunPlan withTruthAndResources(RunPlan plan) {
    HistogramCounts ms = new HistogramCounts(3000, Map.of(1000, 20L, 3000, 9L));
    TruthTally truth = TruthTally.of(new TruthTally.State(29, 1, 0, false, 0, 0, ms, ms, ms, ms, ms, ms, ms,
        new HistogramCounts(0, Map.of()), new HistogramCounts(0, Map.of())));
    double[] bounds = {0.1, 0.5, Double.POSITIVE_INFINITY};
    LatencyHistograms latency = LatencyHistograms.of(new LatencyHistograms.State(
        List.of(new LatencyHistograms.Figure("ttft", List.of("vllm:time_to_first_token_seconds"))),
        List.of(new LatencyHistograms.Snapshot(START - 500, Map.of("ttft",
            new Buckets("vllm:time_to_first_token_seconds", bounds, new double[] {1, 2, 2})))),
        new LatencyHistograms.Snapshot(START + 5000, Map.of("ttft",
            new Buckets("vllm:time_to_first_token_seconds", bounds, new double[] {2, 4, 4})))));
    ResourceSeries queue = new ResourceSeries("queue-depth", "queue_depth", Map.of(), 1, "requests");
    ResourceSamples resources = new ResourceSamples("http://127.0.0.1/metrics", null, null,
        List.of(new ResourceSamples.Series(queue, new long[] {START + 1000, START + 2000}, new double[] {3, Double.NaN})),
        List.of(), 2, 0, null, 1.5, 2.5, latency);
    return new RunPlan(plan.simulation(), plan.scale(), plan.target(), plan.checks(), plan.windowChecks(),
        plan.apiRows(), plan.windowMs(), plan.spike(), plan.stairs(), plan.soak(), plan.expectedJourneys(),
        plan.thresholds(), plan.streamTallies(), Map.of("chat-sse", truth), plan.generator(), plan.aborted(),
        plan.scaling(), resources, plan.resourceBudgets(), plan.conversations(), plan.resends(), plan.capacity());
  }
}
