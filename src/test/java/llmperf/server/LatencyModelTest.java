package llmperf.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import java.util.SplittableRandom;
import llmperf.config.SuiteConfig;
import org.junit.jupiter.api.Test;

class LatencyModelTest {

  private final TargetSettings settings = SuiteConfig.defaults().embeddedTarget();
  private final LatencyModel model = new LatencyModel(settings);

  @Test
  void restServiceTimeIsLognormalWithTheConfiguredMedianAndP95() {
    SplittableRandom random = new SplittableRandom(1);
    long[] samples = new long[20_000];
    for (int i = 0; i < samples.length; i++) {
      samples[i] = model.restNanos(random, Faults.none());
    }
    Arrays.sort(samples);
    double median = samples[samples.length / 2] / 1e6;
    double p95 = samples[(int) (samples.length * 0.95)] / 1e6;
    assertEquals(8, median, 0.4);
    assertEquals(25, p95, 1.5);
  }

  @Test
  void latencyMultiplierScalesServiceTimes() {
    Faults slow = new Faults(0, 3, Duration.ZERO, 0, Duration.ZERO, 0, 0);
    long normal = model.mlNanos(new SplittableRandom(5), Faults.none());
    assertEquals(normal * 3, model.mlNanos(new SplittableRandom(5), slow), 2);
  }

  @Test
  void promptTokensAreCharactersOverFourRoundedUp() {
    assertEquals(0, model.promptTokens(0));
    assertEquals(1, model.promptTokens(1));
    assertEquals(1, model.promptTokens(4));
    assertEquals(2, model.promptTokens(5));
  }

  @Test
  void anotherCharactersPerTokenSettingCountsByIt() {
    assertEquals(1, LatencyModel.promptTokens(3, 3));
    assertEquals(2, LatencyModel.promptTokens(4, 3));
    assertEquals(334, LatencyModel.promptTokens(1000, 3));
  }

  @Test
  void maxTokensDefaultsAndIsCapped() {
    assertEquals(64, model.maxTokens(0));
    assertEquals(10, model.maxTokens(10));
    assertEquals(4096, model.maxTokens(100_000));
  }

  @Test
  void tokenIntervalGrowsWithActiveStreams() {
    // interval * (1 + contention 0.5 * (active - 1) / 64 slots)
    long interval = settings.tokenInterval().toNanos();
    assertEquals(interval, model.tokenIntervalNanos(1, 1));
    assertEquals(Math.round(interval * (1 + 0.5 * 63 / 64.0)), model.tokenIntervalNanos(64, 1));
    assertEquals(2 * interval, model.tokenIntervalNanos(1, 2));
  }

  @Test
  void planIsDeterministicAndWithinBounds() {
    Faults faults = Faults.none();
    GenerationPlan a = model.plan(new SplittableRandom(9), faults, 400, 40, true);
    GenerationPlan b = model.plan(new SplittableRandom(9), faults, 400, 40, true);
    assertArrayEquals(a.tokens(), b.tokens());
    assertEquals(a.text(), b.text());
    assertTrue(a.completionTokens() >= 30 && a.completionTokens() <= 40);
    assertEquals(100, a.promptTokens());
    // 80 ms + 100 tokens * 0.2 ms
    assertEquals(100_000_000, a.prefillNanos());
    assertEquals(-1, a.stallAt());
    assertEquals(-1, a.dropAfter());
    assertEquals(-1, a.truncateAfter());
  }

  @Test
  void faultDecisionsDoNotShiftTheGeneratedText() {
    Faults all = new Faults(0, 2, Duration.ofMillis(50), 1, Duration.ofMillis(10), 0, 1);
    GenerationPlan plain = model.plan(new SplittableRandom(3), Faults.none(), 40, 20, true);
    GenerationPlan faulty = model.plan(new SplittableRandom(3), all, 40, 20, true);
    assertArrayEquals(plain.tokens(), faulty.tokens());
    assertEquals(faulty.completionTokens() / 2, faulty.stallAt());
    assertEquals(Math.max(1, faulty.completionTokens() / 2), faulty.truncateAfter());
    assertEquals(2 * (80_000_000 + 10 * 200_000) + 50_000_000, faulty.prefillNanos());
    // A non-streamed reply has no terminal event to leave out.
    assertEquals(-1, model.plan(new SplittableRandom(3), all, 40, 20, false).truncateAfter());
  }

  @Test
  void usageJsonCountsBothSides() {
    GenerationPlan plan = model.plan(new SplittableRandom(4), Faults.none(), 8, 1, true);
    assertEquals("{\"prompt_tokens\":2,\"completion_tokens\":1,\"total_tokens\":3,"
        + "\"prompt_tokens_details\":{\"cached_tokens\":0}}", plan.usageJson());
    assertTrue(plan.hitLength());
    assertTrue(plan.text().startsWith(" "));
  }

  @Test
  void aReasoningPlanReasonsFirstThenGivesThePlainPlansAnswer() {
    GenerationPlan plain = model.plan(new SplittableRandom(5), Faults.none(), 40, 8, true);
    GenerationPlan reasoning = model.plan(new SplittableRandom(5), Faults.none(), 40, 8, true, 30);
    assertEquals(plain.text(), reasoning.text());
    assertEquals(30, reasoning.reasoningText().split(" ").length - 1);
    assertEquals(30 + plain.completionTokens(), reasoning.completionTokens());
    assertEquals(plain.hitLength(), reasoning.hitLength());
    assertTrue(reasoning.usageJson().endsWith(",\"completion_tokens_details\":{\"reasoning_tokens\":30}}"));
  }

  @Test
  void toolCallPiecesJoinIntoTheWholeArguments() {
    GenerationPlan plan = model.plan(new SplittableRandom(6), Faults.none(), 40, 5, true, 2);
    StringBuilder joined = new StringBuilder();
    for (int i = 0; i < plan.answerTokens(); i++) {
      joined.append(ToolCall.piece(plan, i, plan.token(plan.reasoningTokens() + i)));
    }
    assertEquals(ToolCall.arguments(plan), joined.toString());
    assertEquals(plan.text().substring(1), TargetTestSupport.parse(joined.toString()).get("query").asText());
    GenerationPlan one = model.plan(new SplittableRandom(6), Faults.none(), 40, 1, true);
    assertEquals("{\"query\":\"" + one.text().substring(1) + "\"}", ToolCall.piece(one, 0, one.token(0)));
  }
}
