package llmperf.signoff.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import llmperf.signoff.analysis.Summary;
import llmperf.signoff.analysis.Summary.BudgetResult;
import llmperf.signoff.analysis.Summary.Phases;
import llmperf.signoff.analysis.Summary.Phases.BreakingPoint;
import llmperf.signoff.analysis.Summary.Phases.BreakingPoint.Stair;
import llmperf.signoff.analysis.Summary.Streaming;
import org.junit.jupiter.api.Test;

class SignOffMarkdownTest {

  private final Summary sample = SignOffPageTest.sample();

  @Test
  void theFirstLinesGiveTheVerdictTheRunAndWhyItFailed() {
    String md = SignOffMarkdown.render(sample);
    assertTrue(md.startsWith("## ❌ FAIL: Spike (nightly scale)\n\n4 of 6 budgets met · target embedded · commit "
        + "3f2a1b9c0d7e · 2025-06-01 14:00:00 UTC to 2025-06-01 14:03:20 UTC (3 min 20 s) · Gatling report: "
        + "index.html\n"), md);
    assertTrue(md.contains("\n**Why it failed**\n\n"
        + "- after the spike / chat-sse / ttft: p95 620 ms, over the limit of 500 ms (budgets.chat.ttft.p95)\n"
        + "- after the spike / enhance / enhance: never ran, so its p99 could not be judged (budgets.enhance.p99)\n"),
        md);
  }

  /** A run without a warm-up says nothing of one; one with a warm-up says how many requests it left out. */
  @Test
  void theWarmUpLeftOutIsCounted() {
    assertFalse(SignOffMarkdown.render(sample).contains("warm-up"));
    Summary.Run run = sample.run();
    Summary warmedUp = new Summary(new Summary.Run(run.simulation(), run.scale(), run.target(), run.gitCommit(),
        run.startEpochMs(), run.endEpochMs(), run.gatlingReport(), 812), sample.passed(), sample.reasons(),
        sample.budgets(), sample.rows(), sample.streaming(), sample.audio(), sample.baseline(), sample.windows(),
        sample.phases(), sample.generator(), sample.errors(), sample.resources(), sample.conversations());
    assertTrue(SignOffMarkdown.render(warmedUp).contains(
        "(3 min 20 s) · warm-up: 812 requests before the start, left out of every figure and budget · Gatling report"));
  }

  @Test
  void aPassedRunSaysSoAndListsNoReasons() {
    Summary passed = new Summary(sample.run(), true, List.of(), sample.budgets(), sample.rows(),
        sample.streaming(), sample.audio(), sample.baseline(), sample.windows(), sample.phases(), sample.generator(), sample.errors(), sample.resources(), sample.conversations());
    String md = SignOffMarkdown.render(passed);
    assertTrue(md.startsWith("## ✅ PASS: Spike (nightly scale)\n"), md);
    assertFalse(md.contains("Why it failed"));
  }

  @Test
  void everyBudgetIsATableRowAndFailuresStandOut() {
    String md = SignOffMarkdown.render(sample);
    assertTrue(md.contains("| budget | path | statistic | limit | actual | result |\n"
        + "| --- | --- | --- | ---: | ---: | --- |\n"
        + "| budgets.all.error-rate-percent | after the spike | error-rate-percent | 1 % | 0.42 % | PASS |\n"), md);
    assertTrue(md.contains("| budgets.chat.ttft.p95 | after the spike / chat-sse / ttft | p95 | 500 ms | 620 ms"
        + " | **FAIL** |\n"), md);
    assertTrue(md.contains("| budgets.enhance.p99 | after the spike / enhance / enhance | p99 | 5000 ms | never ran"
        + " | **FAIL** |\n"), md);
  }

  @Test
  void theStreamingTableHasOneRowPerJourney() {
    String md = SignOffMarkdown.render(sample);
    assertTrue(md.contains("| chat-sse | 1800 | 12 | 310 | 620 | 806 | 64 | 128 | 17 | 24 | 41 | 18 | 36 | 1400"
        + " | 2800 | 3640 | 55.6 | 540 | usage | 7.35 |\n"), md);
    assertTrue(md.contains("| story | 300 | 1 | 240 | 480 | 624 | 80 | 160 | 21 | 30 | 48 | 22 | 44 | 3100 | 6200"
        + " | 8060 | 45.45 | 375 | content events | 1.2 |\n"), md);
  }

  @Test
  void theVoiceTableShowsFirstAudioByteAndPace() {
    String md = SignOffMarkdown.render(sample);
    assertTrue(md.contains("#### voice\n\n**Voice**\n\n"), md);
    assertTrue(md.contains("| voice | 120 | 2 | 160 | 320 | 416 | 32 | 64 | 32000 |\n"), md);
  }

  @Test
  void theBaselineComparisonFlagsTheRegression() {
    String md = SignOffMarkdown.render(sample);
    assertTrue(md.contains(
        "**compared**: baseline from 1f0e2d3 on 2025-05-28 (baseline: baselines/Spike-nightly.json)\n"), md);
    assertTrue(md.contains("| chat-sse / send | 180 | 212 | +17.78 % | +12 % to +25 % | +10 % | **REGRESSION** |\n"),
        md);
    assertTrue(md.contains("| chat-sse / ttft | 560 | 620 | +10.71 % | -2 % to +24 % | +15 % | within noise |\n"), md);
    assertTrue(md.contains("| story / end-to-end | 6100 | 5900 | -3.28 % | -9 % to +3 % | +15 % | holds |\n"), md);
  }

  @Test
  void aRunWithoutBaselineSaysWhy() {
    Summary first = new Summary(sample.run(), sample.passed(), sample.reasons(), sample.budgets(), sample.rows(),
        sample.streaming(), sample.audio(), new Summary.Comparison(null, "no baseline", "store one with the baseline command",
        List.of()), sample.windows(), sample.phases(), sample.generator(), sample.errors(), sample.resources(), sample.conversations());
    String md = SignOffMarkdown.render(first);
    assertTrue(md.contains("### Baseline comparison\n\n**no baseline**: store one with the baseline command\n"), md);
  }

  @Test
  void thePhasesAreSummarisedInALineEach() {
    String md = SignOffMarkdown.render(sample);
    assertTrue(md.contains("### Phases\n\n- **Spike recovery: PASS.** The peak ended 1 min 40 s after the"
        + " start; the run was back within budget 20 s later (allowed 30 s).\n"), md);

    BreakingPoint point = new BreakingPoint(List.of(new Stair("stair 1 (10 users/s)", 10, 4000, 3, 900,
        List.of("budgets.rest.p95 (stair 1 (10 users/s) / chat-sse / send)"))), null, null, "latency", false);
    String stress = SignOffMarkdown.render(new Summary(sample.run(), false, sample.reasons(), sample.budgets(),
        sample.rows(), sample.streaming(), sample.audio(), sample.baseline(), sample.windows(), new Phases(null, null, point, null, null), sample.generator(), sample.errors(), sample.resources(), sample.conversations()));
    assertTrue(stress.contains("- **Breaking point: not graceful.** Even the first stair missed a budget; broke by latency;"
        + " failures included timeouts or dropped connections, not only fast rejections.\n"), stress);
    assertFalse(stress.contains("Spike recovery"));

    BreakingPoint unbroken = new BreakingPoint(List.of(new Stair("stair 1 (10 users/s)", 10, 4000, 0, 200,
        List.of())), "stair 1 (10 users/s)", 10.0, "did not break", true);
    String calm = SignOffMarkdown.render(new Summary(sample.run(), true, List.of(), sample.budgets(),
        sample.rows(), sample.streaming(), sample.audio(), sample.baseline(), sample.windows(), new Phases(null, null, unbroken, null, null), sample.generator(), sample.errors(), sample.resources(), sample.conversations()));
    assertTrue(calm.contains("- **Breaking point: graceful.** Every stair met every budget, up to stair 1 (10 users/s): a"
        + " sustainable rate of 10 /s; no breaking point yet.\n"), calm);
  }

  @Test
  void cellsAreEscapedSoTheTableKeepsItsColumns() {
    List<BudgetResult> budgets = List.of(new BudgetResult("budgets.chat.ttft.p95", "beta | chat-sse / ttft", "p95",
        500, 620.0, "ms", false));
    Streaming journey = sample.streaming().get(0);
    Streaming piped = new Streaming("chat|sse <b>", journey.replies(), journey.failedReplies(), journey.ttft(),
        journey.interChunk(), journey.itl(), journey.endToEnd(), journey.outputTokensPerSecond(),
        journey.goodputPerSecond(), journey.outputTokens(), journey.systemOutputTokensPerSecond(),
        journey.tokenSource(), journey.chunkGaps(), journey.truth(), null, null, null, 0, null);
    Summary hostile = new Summary(sample.run(), false, List.of("<script>alert(1)</script> *bold* _it_"), budgets,
        sample.rows(), List.of(piped), sample.audio(), sample.baseline(), sample.windows(), sample.phases(), sample.generator(), sample.errors(), sample.resources(), sample.conversations());
    String md = SignOffMarkdown.render(hostile);

    assertTrue(md.contains("| budgets.chat.ttft.p95 | beta \\| chat-sse / ttft | p95 |"), md);
    assertTrue(md.contains("| chat\\|sse \\<b\\> | 1800 |"), md);
    assertTrue(md.contains("- \\<script\\>alert(1)\\</script\\> \\*bold\\* \\_it\\_\n"), md);
    for (String table : md.split("\n\n")) {
      List<String> rows = table.lines().filter(line -> line.startsWith("|")).toList();
      rows.forEach(row -> assertEquals(cellCount(rows.get(0)), cellCount(row), row));
    }
  }

  /** Cells of a GFM table row: its unescaped pipes, less the closing one. */
  private static int cellCount(String row) {
    return row.replace("\\|", "").split("\\|", -1).length - 2;
  }
}
