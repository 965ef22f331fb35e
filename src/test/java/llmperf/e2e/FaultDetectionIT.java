package llmperf.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import llmperf.budgets.Thresholds;
import llmperf.metrics.RowNames;
import llmperf.profiles.Profiles;
import llmperf.signoff.analysis.Summary;
import llmperf.signoff.log.RunLog;
import llmperf.suite.simulations.Steady;
import llmperf.support.GatlingRun;
import org.junit.jupiter.api.Test;

/**
 * The suite tells a healthy target from a broken one: a short Steady run passes every budget on the healthy
 * embedded target, and with one fault injected fails the budget that names it while the unrelated ones hold.
 * End-to-end budgets are left out of "unrelated" for TTFT and stall faults: end-to-end contains both (and a stall
 * spreads over a short reply's ITL); and a
 * failed reply's rows are KO with the time until it failed, so stream rows are left out for truncation; and a
 * journey with a failed request is not completed OK, so faults that fail requests fail the throughput budget too.
 */
class FaultDetectionIT {

  private static final String ERRORS = "budgets.all.error-rate-percent on global";
  private static final String THROUGHPUT = Thresholds.MIN_THROUGHPUT + " on journeys completed OK / ";

  private static Run steady(Map<String, String> faults) {
    GatlingRun.Outcome outcome = GatlingRun.run(Steady.class, faults);
    Map<String, Boolean> budgets = new LinkedHashMap<>();
    outcome.signOff().budgets().forEach(b -> budgets.put(b.key() + " on " + b.path(), b.passed()));
    return new Run(outcome, budgets);
  }

  private record Run(GatlingRun.Outcome outcome, Map<String, Boolean> budgets) {

    List<String> failed(Predicate<String> which) {
      return budgets.entrySet().stream().filter(e -> which.test(e.getKey()) && !e.getValue())
          .map(Map.Entry::getKey).collect(Collectors.toList());
    }

    List<String> passed(Predicate<String> which) {
      return budgets.entrySet().stream().filter(e -> which.test(e.getKey()) && e.getValue())
          .map(Map.Entry::getKey).collect(Collectors.toList());
    }
  }

  private static Predicate<String> row(String name) {
    return text -> text.endsWith("/ " + name);
  }

  /** With a warm-up: its requests run and are in Gatling's report, but no figure or budget of the sign-off counts them. */
  @Test
  void theHealthyTargetPassesEveryBudgetAndTheWarmUpIsLeftOut() throws IOException {
    Run run = steady(Map.of("scales.ci.warm-up.duration", "2s", "scales.ci.warm-up.rate", "2"));
    assertEquals(List.of(), run.failed(text -> true));
    assertTrue(run.budgets().size() > 30, "every budget is asserted: " + run.budgets().keySet());
    assertEquals(GatlingRun.PASSED, run.outcome().exitCode());

    Summary signOff = run.outcome().signOff();
    signOff.streaming().forEach(s -> assertTrue(s.goodputPerSecond() > 0, s.journey() + " has goodput"));
    RunLog log = RunLog.read(run.outcome().runFolder().resolve("simulation.log"));
    long warmUpRows = log.requests().stream().filter(r -> r.groups().get(0).equals(Profiles.WarmUp.GROUP)).count();
    assertTrue(warmUpRows > 0, "the warm-up ran");
    long warmUpRequests = signOff.run().warmUpRequests();
    assertTrue(warmUpRequests > 0 && warmUpRequests < warmUpRows, "its requests, a reply once: " + warmUpRequests
        + " of " + warmUpRows + " rows");
    assertTrue(signOff.rows().stream().noneMatch(r -> r.path().get(0).equals(Profiles.WarmUp.GROUP)), "no warm-up row");
    assertTrue(signOff.run().startEpochMs() >= log.runStartEpochMs() + 2000, "figures start after the warm-up");
    long measured = log.requests().size() - warmUpRows;
    assertEquals(measured, signOff.rows().stream().filter(r -> r.path().size() == 2).mapToLong(Summary.RowStats::count)
        .sum(), "every measured request and only those");
  }

  /** A journey of several requests fails when one of them does: 5 % errors cost far more than 5 % of the journeys. */
  @Test
  void fivePercentErrorsFailTheErrorBudgetAndTheOkJourneysOnly() {
    Run run = steady(Map.of("embedded-target.faults.error-rate", "0.05"));
    assertEquals(List.of(ERRORS, THROUGHPUT),
        run.failed(text -> true).stream().map(t -> t.startsWith(THROUGHPUT) ? THROUGHPUT : t).toList());
    assertEquals(GatlingRun.FAILED, run.outcome().exitCode());
  }

  /**
   * Two faults in one run, each failing its own rows: TTFT 800 ms late fails the TTFT budgets, stalls of 1 s fail
   * the inter-chunk ones; the rows neither touches hold (end-to-end holds both, and a stall spreads over a short
   * reply's ITL).
   */
  @Test
  void anExtraTtftOf800msFailsTheTtftBudgetsAndStallsFailTheInterChunkBudgets() {
    Run run = steady(Map.of("embedded-target.faults.ttft-extra", "800ms",
        "embedded-target.faults.stall-rate", "0.3", "embedded-target.faults.stall-duration", "1s"));
    List<String> ttft = run.failed(row("ttft"));
    assertEquals(3, ttft.size(), "chat-sse, chat-ws and story TTFT fail: " + ttft);
    run.outcome().signOff().streaming().forEach(s -> assertEquals(0, s.goodputPerSecond(),
        s.journey() + ": no reply meets a 500 ms TTFT objective 800 ms late"));
    assertEquals(2, run.failed(row("inter-chunk")).size(), "chat-sse and chat-ws: " + run.budgets());
    assertEquals(List.of(), run.failed(row("ttft").negate().and(row("inter-chunk").negate())
        .and(row("end-to-end").negate()).and(row("itl").negate())));
  }

  @Test
  void truncatedStreamsAreKoRepliesAndFailTheErrorBudget() throws IOException {
    Run run = steady(Map.of("embedded-target.faults.truncate-rate", "0.2"));
    assertFalse(run.budgets().get(ERRORS));
    Predicate<String> streamRows = row("ttft").or(row("inter-chunk")).or(row("itl")).or(row("end-to-end"));
    assertEquals(List.of(), run.failed(streamRows.negate().and(text -> !text.equals(ERRORS) && !text.startsWith(THROUGHPUT))));
    assertTrue(Files.readString(run.outcome().runFolder().resolve("index.html")).contains("truncated: "),
        "the report's errors name the truncation");
    assertTrue(failedSseReplies(run) > 0);
    assertEquals(failedSseReplies(run), causeCount(run, "truncated"), "each truncated SSE reply counts once: "
        + run.outcome().signOff().errors());
    assertEquals(failedRequests(run), totalErrors(run), "a failed reply counts once: " + run.outcome().signOff().errors());
  }

  @Test
  void droppedStreamsAreKoRepliesCountedOnceAsDropped() {
    Run run = steady(Map.of("embedded-target.faults.drop-rate", "0.2"));
    assertFalse(run.budgets().get(ERRORS));
    Predicate<String> streamRows = row("ttft").or(row("inter-chunk")).or(row("itl")).or(row("end-to-end"));
    assertEquals(List.of(), run.failed(streamRows.negate().and(text -> !text.equals(ERRORS) && !text.startsWith(THROUGHPUT))));
    assertTrue(causeCount(run, "dropped") > 0, "drops are classed: " + run.outcome().signOff().errors());
    assertEquals(failedRequests(run), totalErrors(run), "a failed reply counts once: " + run.outcome().signOff().errors());
  }

  @Test
  void a429StormFailsTheErrorBudget() {
    Run run = steady(Map.of("embedded-target.generation.slots", "1", "embedded-target.generation.queue", "0"));
    assertFalse(run.budgets().get(ERRORS));
    assertEquals(GatlingRun.FAILED, run.outcome().exitCode());
    assertEquals(failedRequests(run), totalErrors(run), "a failed reply counts once: " + run.outcome().signOff().errors());
    assertEquals(totalErrors(run), causeCount(run, "http 429"),
        "every failure is a refusal, over SSE or in the WebSocket's error frame: " + run.outcome().signOff().errors());
  }

  /** KO end-to-end rows of the SSE journeys: one per failed reply. */
  private static long failedSseReplies(Run run) {
    return run.outcome().signOff().rows().stream()
        .filter(r -> r.name().equals("chat-sse / " + RowNames.END_TO_END) || r.name().equals("story / " + RowNames.END_TO_END))
        .mapToLong(Summary.RowStats::ko).sum();
  }

  /** KO requests of rows that stand for a request of their own: REST calls, WebSocket steps, replies' end-to-end. */
  private static long failedRequests(Run run) {
    return run.outcome().signOff().rows().stream()
        .filter(r -> r.path().size() == 2 && !RowNames.isPartOfAReply(r.path().get(1)))
        .mapToLong(Summary.RowStats::ko).sum();
  }

  private static long totalErrors(Run run) {
    return run.outcome().signOff().errors().stream().mapToLong(Summary.ErrorCause::count).sum();
  }

  private static long causeCount(Run run, String cause) {
    return run.outcome().signOff().errors().stream().filter(e -> e.cause().equals(cause))
        .mapToLong(Summary.ErrorCause::count).sum();
  }
}
