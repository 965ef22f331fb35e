package llmperf.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import llmperf.signoff.analysis.Summary;
import llmperf.signoff.log.RequestRecord;
import llmperf.signoff.log.RunLog;
import llmperf.suite.feeders.Feeders;
import llmperf.suite.simulations.Smoke;
import llmperf.support.GatlingRun;
import llmperf.support.SchedulingNoise;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SmokeIT {

  /** One healthy Smoke, whose report, sign-off and log every check of this class reads. */
  private static GatlingRun.Outcome healthy;
  /** The machine's worst wake-up lateness during that run, in whole milliseconds rounded up (the log's unit). */
  private static long lateMs;

  @BeforeAll
  static void runSmoke() throws InterruptedException {
    try (SchedulingNoise noise = SchedulingNoise.start()) {
      healthy = GatlingRun.run(Smoke.class, Map.of());
      lateMs = (noise.maxNanos() + 999_999) / 1_000_000;
    }
  }

  @Test
  void smokePassesAgainstTheHealthyEmbeddedTargetAndWritesGatlingsReport() throws IOException {
    assertEquals(GatlingRun.PASSED, healthy.exitCode());
    assertTrue(Files.isRegularFile(healthy.runFolder().resolve("simulation.log")));
    chatTtftStartsAtTheMessagesPost(RunLog.read(healthy.runFolder().resolve("simulation.log")));
  }

  /** docs/extending.md's worked example: the subtitles journey ran, OK, on the row its budget names. */
  @Test
  void theExtendingGuidesJourneyRuns() {
    assertTrue(healthy.signOff().rows().stream().anyMatch(r -> r.name().equals("subtitles / subtitles")
        && r.count() > 0 && r.ko() == 0), healthy.signOff().rows().toString());
  }

  @Test
  void everyRunLeavesTheSignOffFilesNextToGatlingsReport() throws IOException {
    Path folder = healthy.runFolder();
    for (String file : List.of("index.html", "summary.json", "summary.md", "signoff.html", "signoff-junit.xml")) {
      assertTrue(Files.isRegularFile(folder.resolve(file)), file);
    }
    assertTrue(Files.readString(folder.resolve("signoff.html")).contains("index.html"), "links Gatling's report");
    assertEquals(healthy.exitCode() == GatlingRun.PASSED, healthy.signOff().passed(), "verdict and build agree");
  }

  @Test
  void theChunkGapsCountEveryOkReplyAndItsTokensStayWithinWhatThePromptsAskFor() {
    Summary summary = healthy.signOff();
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

  /**
   * A chat reply is asked for by the message's POST and streamed by a later GET: the user waits from the POST, so
   * a platform that starts generating at the POST is not flattered by a TTFT counted from the GET.
   */
  private static void chatTtftStartsAtTheMessagesPost(RunLog log) {
    List<RequestRecord> posts = rows(log, "send message");
    List<RequestRecord> ttfts = rows(log, "ttft");
    List<RequestRecord> gets = rows(log, "reply headers");
    assertEquals(posts.size(), ttfts.size());
    for (int turn = 0; turn < posts.size(); turn++) {
      // 2 ms, plus how late the machine woke a thread during the run: a busy core delays the POST's send.
      assertTrue(Math.abs(ttfts.get(turn).startEpochMs() - posts.get(turn).startEpochMs()) <= 2 + lateMs,
          "turn " + turn + ": TTFT from the POST (allowed 2 ms + " + lateMs + " ms of wake-up lateness)");
      assertTrue(ttfts.get(turn).startEpochMs() < gets.get(turn).startEpochMs(), "turn " + turn + ": not from the GET");
    }
  }

  private static List<RequestRecord> rows(RunLog log, String name) {
    return log.requests().stream()
        .filter(r -> r.groups().equals(List.of("chat-sse")) && r.name().equals(name))
        .sorted(Comparator.comparingLong(RequestRecord::startEpochMs)).toList();
  }

  /**
   * The build's verdict as Maven sees it: Gatling in a JVM of its own, as the plugin forks it, against a target that
   * fails every request. The sign-off alone judges, so it must end that JVM with status 2 and say why.
   */
  @Test
  void aFailedSignOffEndsGatlingsJvmWithStatus2(@TempDir Path results) throws Exception {
    Process gatling = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--add-opens=java.base/java.lang=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
        "-Dllmperf.results=" + results, "-Dembedded-target.faults.error-rate=1",
        "io.gatling.app.Gatling", "-s", Smoke.class.getName(), "-rf", results.toString())
        .redirectErrorStream(true).redirectOutput(results.resolve("console.txt").toFile()).start();
    if (!gatling.waitFor(3, TimeUnit.MINUTES)) {
      gatling.destroyForcibly();
      throw new AssertionError("Gatling's JVM did not end within 3 minutes");
    }
    String console = Files.readString(results.resolve("console.txt"));
    assertEquals(GatlingRun.FAILED, gatling.exitValue(), console);
    assertTrue(console.contains("Sign-off: FAIL"), console);
    assertTrue(console.contains("FAIL zero errors on global: "), console);
  }
}
