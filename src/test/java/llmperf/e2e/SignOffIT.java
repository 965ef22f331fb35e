package llmperf.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import llmperf.budgets.Thresholds;
import llmperf.metrics.RowNames;
import llmperf.signoff.analysis.Baseline;
import llmperf.signoff.analysis.Summary;
import llmperf.suite.feeders.Feeders;
import llmperf.suite.simulations.Smoke;
import llmperf.suite.simulations.Soak;
import llmperf.suite.simulations.Spike;
import llmperf.suite.simulations.Steady;
import llmperf.suite.simulations.Stress;
import llmperf.support.GatlingRun;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sign-off's analyses against targets whose truth is known: a regression injected after a baseline, a
 * spike whose recovery time the test controls, a slow degradation during a soak, a capacity the test configures.
 * Faults are switched during the run through the embedded target's admin route on a port the test picks.
 */
class SignOffIT {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void warmUpTheJvm() {
    GatlingRun.run(Smoke.class, Map.of());
  }

  private static Map<String, String> settings(Map<String, String> extra) {
    Map<String, String> settings = new HashMap<>(extra);
    settings.put("llmperf.baselines", "target/test-baselines/" + System.nanoTime());
    return settings;
  }

  /**
   * A baseline saved from a healthy run; the same target again is no regression; the target 1.3 times slower is one,
   * on the streaming rows, and only the regression budgets fail (its absolute budgets still hold).
   */
  @Test
  void aTargetThirtyPercentSlowerThanItsBaselineIsFlaggedAndTheSameTargetTwiceIsNot() {
    Map<String, String> steady = settings(Map.of("scales.ci.steady.ramp", "3s", "scales.ci.steady.duration", "15s"));
    GatlingRun.Outcome baselineRun = GatlingRun.run(Steady.class, steady);
    assertTrue(baselineRun.signOff().passed(), "healthy baseline run: " + baselineRun.signOff().reasons());
    withProperty("llmperf.baselines", steady.get("llmperf.baselines"),
        () -> Baseline.from(baselineRun.signOff(), baselineRun.runFolder().toString()).save());

    GatlingRun.Outcome again = GatlingRun.run(Steady.class, steady);
    Summary.Comparison same = again.signOff().baseline();
    assertEquals("compared", same.status(), same.note());
    assertTrue(same.deltas().stream().noneMatch(Summary.Comparison.Delta::regression), "no regression: " + same);
    assertEquals(GatlingRun.PASSED, again.exitCode());

    Map<String, String> slower = new HashMap<>(steady);
    slower.put("embedded-target.faults.latency-multiplier", "1.3");
    GatlingRun.Outcome regressed = GatlingRun.run(Steady.class, slower);
    List<String> flagged = regressed.signOff().baseline().deltas().stream()
        .filter(Summary.Comparison.Delta::regression).map(Summary.Comparison.Delta::path).toList();
    assertTrue(flagged.containsAll(List.of("chat-sse / ttft", "chat-sse / itl")),
        "TTFT and ITL +30 % are flagged: " + regressed.signOff().baseline());
    // The absolute TTFT and ITL budgets (500 ms, 50 ms) still hold: only the baseline catches their +30 %. A 2.5 s
    // end-to-end p95 made 1.3 times longer is past its 3 s budget as well.
    List<Summary.BudgetResult> failed = regressed.signOff().budgets().stream().filter(b -> !b.passed()).toList();
    assertEquals(List.of(), failed.stream().filter(b -> !b.key().startsWith(Thresholds.REGRESSION_PREFIX)
        && !b.path().endsWith("/ " + RowNames.END_TO_END)).toList(), "only regressions and end-to-end fail");
    assertTrue(regressed.signOff().budgets().stream().filter(b -> b.key().equals("budgets.chat.ttft.p95")
        || b.key().equals("budgets.chat.itl.p95")).allMatch(Summary.BudgetResult::passed), "absolute TTFT and ITL hold");
    assertFalse(regressed.signOff().passed());
    assertEquals(GatlingRun.FAILED, regressed.exitCode(), "the build fails with the sign-off");
  }

  @Test
  void theSpikeRecoveryTimeIsMeasuredWithinOneWindowOfTheTruth() throws Exception {
    int port = freePort();
    Map<String, String> spike = settings(Map.of(
        "embedded-target.port", String.valueOf(port),
        "budgets.spike.recovery", "12s",
        "scales.ci.spike.peak-rate", "8"));
    // Peak ends 10 s (base window) + 2 s (ramp) + 8 s (hold) = 20 s after the start; the target fails half of
    // all new requests from the peak's start until 6 s after its end, then is healthy again.
    long recoveryTruthMs = 6_000;
    ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
    long[] clearedAt = new long[1];
    clock.schedule(() -> setFaults(port, "{\"error_rate\":0.5}"), 10, TimeUnit.SECONDS);
    clock.schedule(() -> {
      setFaults(port, "{\"error_rate\":0}");
      clearedAt[0] = System.currentTimeMillis();
    }, 20_000 + recoveryTruthMs, TimeUnit.MILLISECONDS);
    GatlingRun.Outcome outcome = GatlingRun.run(Spike.class, spike);
    clock.shutdownNow();

    Summary.Phases.Recovery recovery = outcome.signOff().phases().recovery();
    assertNotNull(recovery.recoveryMs(), "it recovered");
    long truth = clearedAt[0] - outcome.signOff().run().startEpochMs() - recovery.peakEndOffsetMs();
    long window = outcome.signOff().windows().get(0).endOffsetMs() - outcome.signOff().windows().get(0).startOffsetMs();
    assertTrue(Math.abs(recovery.recoveryMs() - truth) <= window,
        "measured " + recovery.recoveryMs() + " ms, truth " + truth + " ms, window " + window + " ms");
    assertTrue(recovery.passed());

    // Half the requests failed in the surge: its error budget fails, and it alone, since after it all is well.
    List<Summary.BudgetResult> failed = outcome.signOff().budgets().stream().filter(b -> !b.passed()).toList();
    assertEquals(List.of(Thresholds.PEAK_ERROR_RATE), failed.stream().map(Summary.BudgetResult::key).toList(),
        "only the surge's errors fail: " + failed);
    assertTrue(failed.get(0).actual() > 20, "about half of the surge's requests failed: " + failed);
  }

  @Test
  void aSlowDegradationDuringTheSoakIsDetectedAsDrift() throws Exception {
    int port = freePort();
    ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
    clock.schedule(() -> setFaults(port, "{\"latency_multiplier\":1.5}"), 12, TimeUnit.SECONDS);
    clock.schedule(() -> setFaults(port, "{\"latency_multiplier\":2.0}"), 22, TimeUnit.SECONDS);
    clock.schedule(() -> setFaults(port, "{\"latency_multiplier\":2.5}"), 32, TimeUnit.SECONDS);
    GatlingRun.Outcome outcome = GatlingRun.run(Soak.class, settings(Map.of("embedded-target.port", String.valueOf(port))));
    clock.shutdownNow();

    Summary.Phases.Drift drift = outcome.signOff().phases().drift();
    assertFalse(drift.passed());
    assertTrue(drift.verdict().startsWith("drifted: "), drift.verdict());
    assertTrue(drift.rows().stream().anyMatch(r -> r.path().endsWith("/ ttft") && r.drifted() && r.changePercent() > 30),
        "TTFT's median rose with the latency: " + drift.rows());
    assertFalse(outcome.signOff().passed());
  }

  /** The same Soak on a healthy target: no row drifts, and the whole sign-off passes. */
  @Test
  void aHealthySoakDoesNotDrift() {
    GatlingRun.Outcome outcome = GatlingRun.run(Soak.class, settings(Map.of()));
    Summary.Phases.Drift drift = outcome.signOff().phases().drift();
    assertTrue(drift.passed(), drift.verdict() + ": " + drift.rows());
    assertTrue(drift.rows().stream().filter(Summary.Phases.Drift.RowDrift::judged).count() >= 5,
        "most streaming and REST rows are judged at the ci scale: " + drift.rows());
    assertTrue(outcome.signOff().passed(), outcome.signOff().reasons().toString());
  }

  @Test
  void stressFindsTheBreakingPointWithinOneStairOfTheConfiguredCapacity() {
    // Story only; each journey holds a generation slot for two replies of ~64 tokens at ~10-12 ms: ~1.8 slot-s.
    // With 10 slots the target sustains about 10 / 1.8 = 5.5 journeys/s: the last good stair should be 4/s.
    GatlingRun.Outcome outcome = GatlingRun.run(Stress.class, settings(Map.ofEntries(
        Map.entry("mix.workloads.chat", "0"), Map.entry("mix.workloads.ai-integration", "100"),
        Map.entry("mix.workloads.platform", "0"),
        Map.entry("mix.ai-integration.story", "100"), Map.entry("mix.ai-integration.voice", "0"),
        Map.entry("mix.ai-integration.personality", "0"), Map.entry("mix.ai-integration.subtitles", "0"),
        Map.entry("mix.ai-integration.health", "0"),
        Map.entry("embedded-target.generation.slots", "10"), Map.entry("embedded-target.generation.queue", "20"),
        Map.entry("scales.ci.stress.start-rate", "2"), Map.entry("scales.ci.stress.step", "2"),
        Map.entry("scales.ci.stress.steps", "4"), Map.entry("scales.ci.stress.step-duration", "10s"))));

    Summary.Phases.BreakingPoint point = outcome.signOff().phases().breakingPoint();
    assertEquals(4, point.stairs().size());
    assertEquals(4.0, point.sustainableRatePerSec(), "the last stair under the 5.5/s capacity: " + point);
    assertEquals(List.of(), point.stairs().get(1).failedBudgets(), "4/s meets every budget");
    assertFalse(point.stairs().get(2).failedBudgets().isEmpty(), "6/s, past capacity, does not: " + point);
  }

  @Test
  void everyRunLeavesTheSignOffFilesNextToGatlingsReport() throws IOException {
    GatlingRun.Outcome outcome = GatlingRun.run(Smoke.class, settings(Map.of()));
    Path folder = outcome.runFolder();
    for (String file : List.of("index.html", "summary.json", "summary.md", "signoff.html")) {
      assertTrue(Files.isRegularFile(folder.resolve(file)), file);
    }
    assertTrue(Files.readString(folder.resolve("signoff.html")).contains("index.html"), "links Gatling's report");
    assertEquals(outcome.exitCode() == GatlingRun.PASSED, outcome.signOff().passed(), "verdict and build agree");
  }

  @Test
  void theChunkGapsCountEveryOkReplyAndItsTokensStayWithinWhatThePromptsAskFor() {
    Summary summary = GatlingRun.run(Smoke.class, settings(Map.of())).signOff();
    assertFalse(summary.streaming().isEmpty());
    for (Summary.Streaming journey : summary.streaming()) {
      long okReplies = journey.replies() - journey.failedReplies();
      assertTrue(okReplies > 0, journey.journey());
      assertTrue(journey.outputTokens() >= okReplies && journey.outputTokens() <= okReplies * Feeders.maxOutputTokens(),
          journey.journey() + ": " + journey.outputTokens() + " tokens in " + okReplies + " replies");
      assertEquals(journey.outputTokens() - okReplies, journey.chunkGaps().count(),
          journey.journey() + ": one gap between each two tokens of a reply");
      // The gaps are kept to the microsecond, the longest-gap row is whole milliseconds.
      assertTrue(journey.chunkGaps().p95() < journey.interChunk().max() + 1, journey.journey() + ": " + journey);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static void setFaults(int port, String json) {
    try {
      HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/admin/faults"))
          .timeout(Duration.ofSeconds(5)).PUT(HttpRequest.BodyPublishers.ofString(json)).build(),
          HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException("admin route refused " + json + ": " + response.body());
      }
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException("could not set faults " + json, e);
    }
  }

  private static void withProperty(String key, String value, Runnable action) {
    String previous = System.setProperty(key, value);
    try {
      action.run();
    } finally {
      if (previous == null) {
        System.clearProperty(key);
      } else {
        System.setProperty(key, previous);
      }
    }
  }
}
