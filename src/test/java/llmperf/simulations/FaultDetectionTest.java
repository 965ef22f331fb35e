package llmperf.simulations;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import llmperf.gatling.GatlingAssertions;
import llmperf.support.GatlingRun;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The suite tells a healthy target from a broken one: a short Steady run passes every budget on the healthy
 * embedded target, and with one fault injected fails the budget that names it while the unrelated ones hold.
 * End-to-end budgets are left out of "unrelated" for TTFT and stall faults: end-to-end contains both; and a
 * failed reply's rows are KO with the time until it failed, so stream rows are left out for truncation.
 */
class FaultDetectionTest {

  /** The test JVM's first Gatling run is cold (JIT, class loading) and stalls streams: warm it first. */
  @BeforeAll
  static void warmUpTheJvm() {
    GatlingRun.run(Smoke.class, Map.of());
  }

  private static final String ERRORS = "Global: percentage of failed events is less than 1.0";

  private static Run steady(Map<String, String> faults) {
    Map<String, String> settings = new HashMap<>(Map.of(
        "scales.ci.steady.ramp", "3s",
        "scales.ci.steady.duration", "10s"));
    settings.putAll(faults);
    GatlingRun.Outcome outcome = GatlingRun.run(Steady.class, settings);
    return new Run(outcome, GatlingAssertions.of(outcome.runFolder()));
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
    return text -> text.contains("/ " + name + ":");
  }

  @Test
  void theHealthyTargetPassesEveryBudget() {
    Run run = steady(Map.of());
    assertEquals(List.of(), run.failed(text -> true));
    assertTrue(run.budgets().size() > 30, "every budget is asserted: " + run.budgets().keySet());
    assertEquals(GatlingRun.PASSED, run.outcome().exitCode());
  }

  @Test
  void fivePercentErrorsFailTheErrorBudgetOnly() {
    Run run = steady(Map.of("embedded-target.faults.error-rate", "0.05"));
    assertEquals(List.of(ERRORS), run.failed(text -> true));
    assertEquals(GatlingRun.ASSERTIONS_FAILED, run.outcome().exitCode());
  }

  @Test
  void anExtraTtftOf800msFailsTheChatAndStoryTtftBudgets() {
    Run run = steady(Map.of("embedded-target.faults.ttft-extra", "800ms"));
    List<String> ttft = run.failed(row("ttft"));
    assertEquals(3, ttft.size(), "chat-sse, chat-ws and story TTFT fail: " + ttft);
    assertEquals(List.of(), run.failed(row("ttft").negate().and(row("end-to-end").negate())));
  }

  @Test
  void stallsFailTheInterChunkBudget() {
    Run run = steady(Map.of("embedded-target.faults.stall-rate", "0.3",
        "embedded-target.faults.stall-duration", "1s"));
    assertEquals(2, run.failed(row("inter-chunk")).size(), "chat-sse and chat-ws: " + run.budgets());
    assertEquals(List.of(), run.failed(row("inter-chunk").negate().and(row("end-to-end").negate())));
  }

  @Test
  void truncatedStreamsAreKoRepliesAndFailTheErrorBudget() throws IOException {
    Run run = steady(Map.of("embedded-target.faults.truncate-rate", "0.2"));
    assertFalse(run.budgets().get(ERRORS));
    Predicate<String> streamRows = row("ttft").or(row("inter-chunk")).or(row("itl")).or(row("end-to-end"));
    assertEquals(List.of(), run.failed(streamRows.negate().and(text -> !text.equals(ERRORS))));
    assertTrue(Files.readString(run.outcome().runFolder().resolve("index.html")).contains("truncated: "),
        "the report's errors name the truncation");
  }

  @Test
  void a429StormFailsTheErrorBudget() {
    Run run = steady(Map.of("embedded-target.generation.slots", "1", "embedded-target.generation.queue", "0"));
    assertFalse(run.budgets().get(ERRORS));
    assertEquals(GatlingRun.ASSERTIONS_FAILED, run.outcome().exitCode());
  }
}
