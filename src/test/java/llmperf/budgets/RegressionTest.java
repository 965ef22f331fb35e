package llmperf.budgets;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What a baseline allows a row's p95 to reach before it is a regression, and which rows get a check. */
class RegressionTest {

  @Test
  void theAllowedRiseIsTheLargerOfThePercentageAndTheRowsOwnNoise() {
    List<String> interChunk = List.of("chat-sse", "inter-chunk");
    assertEquals(50, Regression.allowedPercent(12, 15, Regression.noiseFloorMs(interChunk, false), 0), 1e-9,
        "a 12 ms inter-chunk p95: its 6 ms of noise, not an absolute 15 % that 2 ms would pass");
    assertEquals(20, Regression.allowedPercent(10, 15, Regression.noiseFloorMs(List.of("chat-sse", "itl"), false), 0),
        1e-9, "ITL, the steadiest row: 2 ms");
    List<String> ttft = List.of("chat-sse", "ttft");
    assertEquals(15, Regression.allowedPercent(113, 15, Regression.noiseFloorMs(ttft, false), 0), 1e-9,
        "113 ms: +15 % is more than its 10 ms of noise");
    List<String> send = List.of("chat-sse", "send message");
    assertEquals(105.26, Regression.allowedPercent(19, 10, Regression.noiseFloorMs(send, true), 0), 0.01,
        "a 19 ms REST p95: +10 % is 1.9 ms, far inside its run-to-run spread of 20 ms");
  }

  /** A stall of the load generator lengthens the longest gap of every reply in flight: inter-chunk alone allows it. */
  @Test
  void onlyInterChunkAllowsTheGeneratorsLongestStall() {
    List<String> interChunk = List.of("chat-sse", "inter-chunk");
    assertEquals(35, Regression.generatorStallAllowanceMs(interChunk, 34.1));
    assertEquals(0, Regression.generatorStallAllowanceMs(List.of("chat-sse", "ttft"), 34.1));
    assertEquals(50 + 100.0 * 35 / 12, Regression.allowedPercent(12, 15, 6, 35), 1e-9, "on top of the noise floor");
  }

  @Test
  void everyBudgetedLatencyRowAndEveryStreamFigureTheBaselineMeasuredGetsOneCheck() {
    Budget p95 = new Budget("budgets.rest.p95", List.of("rest"), "p95", 300);
    Budget p99 = new Budget("budgets.rest.p99", List.of("rest"), "p99", 500);
    List<String> send = List.of("chat-sse", "send message");
    List<String> ttft = List.of("chat-sse", "ttft");
    List<String> firstAudioByte = List.of("voice", "first-audio-byte");
    List<BudgetCheck> checks = Regression.checks(
        List.of(new BudgetCheck(p95, send), new BudgetCheck(p99, send), new BudgetCheck(p95, ttft),
            new BudgetCheck(p95, List.of("health", "health"))),
        List.of(ttft, firstAudioByte, List.of("story", "itl")),
        Map.of(send, 19L, ttft, 113L, firstAudioByte, 150L), Set.of(send), Thresholds.of(List.of()));
    assertEquals(List.of(send, ttft, firstAudioByte), checks.stream().map(BudgetCheck::path).toList(),
        "one per row, the unbudgeted first audio byte too, none for a row the baseline lacks");
    assertEquals(List.of("budgets.regression.api-percent", "budgets.regression.ml-percent",
        "budgets.regression.ml-percent"), checks.stream().map(c -> c.budget().key()).toList());
    assertEquals(List.of(10.0, 15.0, 15.0), checks.stream().map(c -> c.budget().limit()).toList(),
        "each the threshold of its kind of row, which its interval is held to");
    assertEquals(Regression.STATISTIC, checks.get(0).budget().statistic());
  }
}
