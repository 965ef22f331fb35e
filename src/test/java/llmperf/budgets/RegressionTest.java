package llmperf.budgets;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What a baseline allows a row's p95 to reach before it is a regression, and which rows get a check. */
class RegressionTest {

  @Test
  void theFloorIsTheLargerOfThePercentageAndTheRowsOwnNoise() {
    List<String> interChunk = List.of("chat-sse", "inter-chunk");
    assertEquals(18, Regression.allowedP95(12, 15, Regression.noiseFloorMs(interChunk, false)),
        "a 12 ms inter-chunk p95: its 6 ms of noise, not an absolute 15 ms that it would have to double to pass");
    assertEquals(12, Regression.allowedP95(10, 15, Regression.noiseFloorMs(List.of("chat-sse", "itl"), false)),
        "ITL, the steadiest row: 2 ms");
    List<String> ttft = List.of("chat-sse", "ttft");
    assertEquals(129, Regression.allowedP95(113, 15, Regression.noiseFloorMs(ttft, false)),
        "113 ms +15 %: a TTFT +30 ms (143 ms) is flagged");
    List<String> send = List.of("chat-sse", "send message");
    assertEquals(39, Regression.allowedP95(19, 10, Regression.noiseFloorMs(send, true)),
        "a 19 ms REST p95: +10 % is 1.9 ms, far inside its run-to-run spread");
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
    assertEquals(List.of(40.0, 130.0, 173.0), checks.stream().map(c -> c.budget().limit()).toList(),
        "strict less-than: the allowed p95 plus one");
  }
}
