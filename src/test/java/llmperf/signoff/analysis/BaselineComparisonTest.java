package llmperf.signoff.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import llmperf.budgets.Budget;
import llmperf.budgets.BudgetCheck;
import llmperf.budgets.Regression;
import llmperf.budgets.Thresholds;
import llmperf.client.StreamClient;
import llmperf.metrics.GeneratorMonitor;
import llmperf.metrics.TruthTally;
import llmperf.resources.ResourceSamples;
import llmperf.signoff.log.RequestRecord;
import llmperf.signoff.log.RunLog;
import org.junit.jupiter.api.Test;

/**
 * A run's rows against its baseline's, each as a 95 % interval of the p95's change: every verdict the comparison
 * gives, on samples the test draws (seeded), and which of them fail the run.
 */
class BaselineComparisonTest {

  private static final long START = 1_700_000_000_000L;
  private static final List<String> TTFT = List.of("chat-sse", "ttft");
  private static final List<String> INTER_CHUNK = List.of("chat-sse", "inter-chunk");
  private static final BudgetCheck TTFT_REGRESSION = new BudgetCheck(new Budget(Thresholds.ML_REGRESSION,
      List.of("regression"), Regression.STATISTIC, 15), TTFT);

  /** {@code n} lognormal samples (ms) of this median and spread, drawn with this seed, each times {@code factor}. */
  static long[] lognormal(long seed, int n, double medianMs, double sigma, double factor) {
    Random random = new Random(seed);
    long[] values = new long[n];
    for (int i = 0; i < n; i++) {
      values[i] = Math.round(medianMs * Math.exp(sigma * random.nextGaussian()) * factor);
    }
    return values;
  }

  static Durations durations(long[] values) {
    Durations durations = new Durations();
    for (long value : values) {
      durations.add(value);
    }
    return durations;
  }

  private static RunTally run(List<String> path, long[] values) {
    List<RequestRecord> rows = new ArrayList<>();
    for (long value : values) {
      rows.add(new RequestRecord(List.of(path.get(0)), path.get(1), START, START + value, true, null));
    }
    return RunLog.ofRequests(START, rows).replayInto(new RunTally(5_000, null, null));
  }

  private static Baseline baseline(Map<List<String>, long[]> rows) {
    List<Baseline.Row> kept = new ArrayList<>();
    rows.forEach((path, values) -> {
      Durations samples = durations(values);
      kept.add(new Baseline.Row(path, values.length, samples.percentile(95), samples.percentile(99),
          KeptSamples.write(samples)));
    });
    return new Baseline("baselines/steady-ci.json", "Steady", "ci", "results/steady-1", "abc", kept);
  }

  private static RunPlan plan(List<BudgetCheck> checks, Map<String, TruthTally> truths, double lagMaxMs) {
    GeneratorMonitor.Health generator = new GeneratorMonitor.Health(6000, 0.1, 1, lagMaxMs, 0.4, 0.8, 50, 0.5, 100,
        1024, 2);
    return new RunPlan("Steady", "ci", "embedded", checks, List.of(), Set.of(), 5_000, null, List.of(), false, 0,
        Thresholds.of(List.of()), Map.of(), truths, generator, null, null,
        ResourceSamples.none("embedded", "not sampled"), List.of(), Map.of(), new StreamClient.Resends(0, 0), null);
  }

  private static Summary.Comparison.Delta compare(long[] before, long[] after) {
    Summary.Comparison comparison = BaselineComparison.of(run(TTFT, after), plan(List.of(TTFT_REGRESSION), Map.of(),
        0), baseline(Map.of(TTFT, before)));
    return comparison.deltas().get(0);
  }

  /** TTFT 1.3 times slower on 200 samples a side, of a spread like the reference server's (p95 1.18 x the median). */
  @Test
  void aTrueRegressionOfThirtyPercentOnTwoHundredSamplesIsCaught() {
    long[] before = lognormal(1, 200, 120, 0.1, 1);
    long[] after = lognormal(2, 200, 120, 0.1, 1.3);
    Summary.Comparison.Delta delta = compare(before, after);
    assertEquals("regressed", delta.interval().verdict(), delta.toString());
    assertTrue(delta.interval().lowPercent() > 15, "the whole interval lies above +15 %: " + delta.interval().text());
    assertTrue(delta.regression());
    Summary.Comparison comparison = new Summary.Comparison("b", "compared", "", List.of(delta));
    Summary.BudgetResult result = BaselineComparison.budgets(comparison, List.of(TTFT_REGRESSION)).get(0);
    assertFalse(result.passed(), result.describe());
    assertEquals(delta.interval().lowPercent(), result.actual());
  }

  /**
   * Two draws of one wide distribution (100 samples each, a p95 2.3 times the median): their p95s differ by 46 %,
   * which a point against a fixed percentage called a regression; the interval straddles the threshold.
   */
  @Test
  void aNoisyButEqualPairIsWithinNoise() {
    long[] before = lognormal(31, 100, 100, 0.5, 1);
    long[] after = lognormal(32, 100, 100, 0.5, 1);
    Summary.Comparison.Delta delta = compare(before, after);
    assertTrue(delta.changePercent() > 15, "the points alone differ past the threshold: " + delta);
    assertEquals(ChangeInterval.WITHIN_NOISE, delta.interval().verdict(), delta.interval().text());
    assertTrue(delta.interval().lowPercent() < 15 && delta.interval().highPercent() > 15);
    assertFalse(delta.regression());
    Summary.Comparison comparison = new Summary.Comparison("b", "compared", "", List.of(delta));
    assertTrue(BaselineComparison.budgets(comparison, List.of(TTFT_REGRESSION)).get(0).passed());
  }

  @Test
  void aTightRowThatDidNotMoveHolds() {
    Summary.Comparison.Delta delta = compare(lognormal(5, 300, 120, 0.05, 1), lognormal(6, 300, 120, 0.05, 1));
    assertEquals(ChangeInterval.HOLDS, delta.interval().verdict(), delta.interval().text());
    assertTrue(delta.interval().highPercent() <= 15);
  }

  @Test
  void aRowFasterThroughoutImproved() {
    Summary.Comparison.Delta delta = compare(lognormal(7, 200, 120, 0.1, 1), lognormal(8, 200, 120, 0.1, 0.7));
    assertEquals(ChangeInterval.IMPROVED, delta.interval().verdict(), delta.interval().text());
    assertTrue(delta.interval().highPercent() < 0);
  }

  /** 85 samples cannot bound a p95: not judged, saying what it needs; no row judged fails the run, closed. */
  @Test
  void tooFewSamplesAreNotJudgedAndANothingJudgedComparisonFails() {
    long[] before = lognormal(9, 200, 120, 0.1, 1);
    long[] after = lognormal(10, 85, 120, 0.1, 2);
    Baseline baseline = baseline(Map.of(TTFT, before));
    RunPlan plan = plan(List.of(TTFT_REGRESSION), Map.of(), 0);
    Summary summary = RunAnalysis.summarize(run(TTFT, after), plan, "abc", baseline);
    Summary.Comparison.Delta delta = summary.baseline().deltas().get(0);
    assertEquals(ChangeInterval.NOT_JUDGED, delta.interval().verdict());
    assertEquals("not judged: needs 86 OK samples in the baseline and this run, had 200 and 85",
        delta.interval().text());
    assertNull(delta.interval().lowPercent());
    assertEquals(ChangeInterval.NOT_JUDGED, summary.baseline().status());
    assertTrue(summary.budgets().stream().noneMatch(b -> b.key().equals(Thresholds.ML_REGRESSION)),
        "a row not judged is no budget: " + summary.budgets());
    assertFalse(summary.passed());
    assertEquals(List.of("baseline comparison: not judged: no row had 86 OK samples in both runs, which the p95's"
        + " interval needs: the runs are too short to compare"), summary.reasons());
  }

  @Test
  void aBaselineSavedWithoutSamplesIsNotJudged() {
    Baseline old = new Baseline("baselines/steady-ci.json", "Steady", "ci", "results/steady-0", "abc",
        List.of(new Baseline.Row(TTFT, 200, 130, 140, null)));
    Summary.Comparison comparison = BaselineComparison.of(run(TTFT, lognormal(11, 200, 120, 0.1, 1)),
        plan(List.of(), Map.of(), 0), old);
    assertEquals(ChangeInterval.NOT_JUDGED, comparison.status());
    assertTrue(comparison.note().startsWith("the baseline keeps no samples"), comparison.note());
  }

  /** The suite's TTFT 30 % slower while the server's own TTFT is not: the load generator's, and no failure. */
  @Test
  void aRiseTheServersOwnTimingsDoNotShowIsTheLoadGenerators() {
    long[] before = lognormal(12, 200, 120, 0.1, 1);
    long[] after = lognormal(13, 200, 120, 0.1, 1.3);
    Map<List<String>, long[]> baselineRows = Map.of(TTFT, before, List.of("chat-sse", BaselineComparison.SERVER_TTFT),
        micros(lognormal(14, 200, 100, 0.1, 1)));
    Summary.Comparison same = BaselineComparison.of(run(TTFT, after), plan(List.of(TTFT_REGRESSION),
        Map.of("chat-sse", truth(lognormal(15, 200, 100, 0.1, 1))), 0), baseline(baselineRows));
    Summary.Comparison.Delta generators = same.deltas().get(0);
    assertEquals(BaselineComparison.GENERATORS, generators.interval().verdict(), generators.toString());
    assertTrue(generators.interval().note().startsWith("the server ttft changed by "), generators.interval().note());
    assertFalse(generators.regression());
    assertTrue(BaselineComparison.budgets(same, List.of(TTFT_REGRESSION)).get(0).passed());

    Summary.Comparison slower = BaselineComparison.of(run(TTFT, after), plan(List.of(TTFT_REGRESSION),
        Map.of("chat-sse", truth(lognormal(15, 200, 100, 0.1, 1.3))), 0), baseline(baselineRows));
    Summary.Comparison.Delta service = slower.deltas().get(0);
    assertEquals("regressed", service.interval().verdict());
    assertTrue(service.regression(), "the server's own TTFT rose as well: the service's");
    assertFalse(BaselineComparison.budgets(slower, List.of(TTFT_REGRESSION)).get(0).passed());
  }

  /**
   * A stall of the load generator lengthens the longest gap of every reply in flight: inter-chunk's allowed rise takes
   * the run's longest stall on top, and fails past it; TTFT is not excused by it.
   */
  @Test
  void theInterChunkRegressionAllowsTheGeneratorsLongestStallAndNoMore() {
    long[] before = lognormal(16, 100, 12, 0.05, 1);
    long[] after = lognormal(17, 100, 40, 0.05, 1);
    BudgetCheck interChunk = new BudgetCheck(new Budget(Thresholds.ML_REGRESSION, List.of("regression"),
        Regression.STATISTIC, 15), INTER_CHUNK);
    Summary.Comparison stalled = BaselineComparison.of(run(INTER_CHUNK, after), plan(List.of(interChunk), Map.of(),
        34.1), baseline(Map.of(INTER_CHUNK, before)));
    assertFalse(stalled.deltas().get(0).regression(), "a 35 ms stall explains 12 -> 40 ms: " + stalled);
    assertTrue(stalled.note().contains("longest stall in this run, 35 ms"), stalled.note());
    Summary.Comparison calm = BaselineComparison.of(run(INTER_CHUNK, after), plan(List.of(interChunk), Map.of(), 10),
        baseline(Map.of(INTER_CHUNK, before)));
    assertTrue(calm.deltas().get(0).regression(), "a 10 ms stall does not: " + calm);
    Summary.Comparison ttft = BaselineComparison.of(run(TTFT, after), plan(List.of(TTFT_REGRESSION), Map.of(), 34.1),
        baseline(Map.of(TTFT, before)));
    assertTrue(ttft.deltas().get(0).regression(), "TTFT is not excused by a stall");
  }

  /** Every compared row's OK samples are kept (bounded) for a baseline of this run, with no baseline to compare. */
  @Test
  void theRunKeepsItsComparedRowsSamplesForItsOwnBaseline() {
    Summary.Comparison none = BaselineComparison.of(run(TTFT, lognormal(18, 3000, 120, 0.1, 1)),
        plan(List.of(), Map.of(), 0), null);
    assertEquals("no baseline", none.status());
    KeptSamples.Row kept = none.samples().get(0);
    assertEquals(TTFT, kept.path());
    assertEquals(3000, kept.count());
    assertEquals(KeptSamples.CAP, KeptSamples.read(kept.values()).count());
  }

  private static long[] micros(long[] ms) {
    long[] micros = new long[ms.length];
    for (int i = 0; i < ms.length; i++) {
      micros[i] = ms[i] * 1000;
    }
    return micros;
  }

  /** The server's record of replies whose own TTFT (read to first content) took these ms. */
  private static TruthTally truth(long[] serverTtftMs) {
    TruthTally truth = new TruthTally();
    for (long ms : serverTtftMs) {
      truth.add(0, 0, ms * 1_000_000, 0, 0, ms * 1_000_000);
    }
    return truth;
  }
}
