package llmperf.signoff.render;

import static llmperf.signoff.render.SignOffPageTest.count;
import static llmperf.signoff.render.SignOffPageTest.parse;
import static llmperf.signoff.render.SignOffPageTest.text;
import static llmperf.signoff.render.SignOffPageTest.texts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import llmperf.budgets.Thresholds;
import llmperf.signoff.analysis.ChangeInterval;
import llmperf.signoff.analysis.Summary;
import llmperf.signoff.analysis.Summary.BudgetResult;
import llmperf.signoff.analysis.Summary.Comparison;
import llmperf.signoff.analysis.Summary.Generator;
import llmperf.signoff.analysis.Summary.Phases;
import llmperf.signoff.analysis.Summary.Phases.Drift;
import llmperf.signoff.analysis.Summary.Window;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/**
 * What a reviewer reads first: before any journey's section, the verdict, what failed in plain words, the budgets
 * closest to their limit, then the phase cards, in that order, on the page and in summary.md.
 */
class SignOffGlanceTest {

  private static final List<String> FAILURES = List.of(
      "after the spike / chat-sse / ttft: p95 620 ms, over the limit of 500 ms (budgets.chat.ttft.p95)",
      "after the spike / enhance / enhance: never ran, so its p99 could not be judged (budgets.enhance.p99)");

  /** The sample's budgets with a figure, by the share of their limit used. */
  private static final List<String> CLOSEST = List.of("budgets.chat.ttft.p95", "budgets.story.end-to-end.p95",
      "budgets.rest.p95", "budgets.chat.inter-chunk.p95", "budgets.all.error-rate-percent");

  @Test
  void theFirstScreenGivesTheVerdictThenTheFailuresThenTheLeastHeadroom() throws Exception {
    String html = SignOffPage.render(SignOffPageTest.sample());
    String firstScreen = html.substring(0, html.indexOf("<section class=\"journey\">"));
    List<String> order = new ArrayList<>(List.of("<div class=\"verdict\">FAIL</div>"));
    FAILURES.forEach(line -> order.add("<li>" + Texts.esc(line) + "</li>"));
    order.add("<h2>Closest to the limit</h2>");
    CLOSEST.forEach(key -> order.add("<td>" + key + "</td>"));
    order.add("<h2>Phases</h2>");
    assertInOrder(firstScreen, order);

    Document page = parse(html);
    assertEquals(CLOSEST, texts(page, "//section[@id='closest']//tr/td[1]"));
    assertEquals(List.of("fill fail", "fill pass", "fill pass", "fill pass", "fill pass"),
        texts(page, "//section[@id='closest']//span[starts-with(@class, 'fill')]/@class"),
        "a bar's colour: its verdict");
    assertEquals(List.of("124 %", "77.5 %", "70.67 %", "64 %", "42 %"),
        texts(page, "//section[@id='closest']//span[@class='used']"));
    assertEquals("width:100.0%", text(page, "(//section[@id='closest']//span[starts-with(@class, 'fill')])[1]/@style"));
    assertEquals("left:80.6%", text(page, "(//section[@id='closest']//span[@class='mark'])[1]/@style"),
        "the scale reaches the largest share, 124 %: the limit sits at 1 / 1.24 of the bar");
    assertTrue(text(page, "//section[@id='closest']/p").contains("Not ranked: 1 without a figure"));
  }

  @Test
  void aPassedRunListsNoFailureAndItsBarsAreAllGreen() throws Exception {
    Summary passed = passedSample();
    Document page = parse(SignOffPage.render(passed));
    assertEquals(0, count(page, "//header//ul"));
    assertEquals(0, count(page, "//section[@id='closest']//span[@class='fill fail']"));
    assertEquals("budgets.story.end-to-end.p95", text(page, "(//section[@id='closest']//tr/td[1])[1]"));
    assertEquals(0, count(page, "//details[@open]"), "nothing failed: every budget group folded");
  }

  @Test
  void theBudgetTableIsGroupedByJourneyAndOnlyGroupsHoldingAFailureAreUnfolded() throws Exception {
    Document page = parse(SignOffPage.render(SignOffPageTest.sample()));
    assertEquals(List.of("PASS whole run: 1 of 1 budgets met", "FAIL chat-sse: 2 of 3 budgets met",
        "PASS story: 1 of 1 budgets met", "FAIL enhance: 0 of 1 budgets met"),
        texts(page, "//section[@id='budgets']//details/summary"));
    assertEquals(List.of("FAIL chat-sse: 2 of 3 budgets met", "FAIL enhance: 0 of 1 budgets met"),
        texts(page, "//section[@id='budgets']//details[@open]/summary"));
    assertEquals(6, count(page, "//section[@id='budgets']//tbody/tr"), "every budget, once");
    assertEquals(List.of("FAIL 2 of 3 budgets met", "PASS 1 of 1 budgets met", "FAIL 0 of 1 budgets met"),
        texts(page, "//section[@class='journey']/p[span]"), "each journey's own tally: chat-sse, story, enhance");
  }

  @Test
  void aFloorUsesItsLimitOverItsFigureAndAFigureFarPastItsLimitIsCappedInWords() {
    BudgetResult throughput = new BudgetResult(Thresholds.MIN_THROUGHPUT, "journeys completed OK / 400 planned", "min",
        95, 80.0, "%", false);
    BudgetResult zeroErrors = new BudgetResult("zero errors", "global", "error-rate-percent", Double.MIN_VALUE, 2.5,
        "%", false);
    BudgetResult ran = new BudgetResult("row ran", "story / ttft", "ran", 1, 40.0, "requests", true);
    BudgetResult fell = new BudgetResult(Thresholds.RESPONSE_TIME_DEGRADATION, "high against low", "max", 50, -12.0,
        "%", true);
    List<Headroom.Use> closest = Headroom.closest(List.of(fell, ran, throughput, zeroErrors), 8);
    assertEquals(List.of(zeroErrors, throughput, fell), closest.stream().map(Headroom.Use::budget).toList(),
        "a row-ran check has no headroom");
    assertEquals("over 1000 %", Headroom.usedText(closest.get(0).ratio()));
    assertEquals("118.75 %", Headroom.usedText(closest.get(1).ratio()), "95 / 80");
    assertEquals("0 %", Headroom.usedText(closest.get(2).ratio()), "a p95 that fell uses none of its allowance");
    assertEquals("floor 95 %", Headroom.limitText(throughput));
    assertEquals("journeys completed OK / 400 planned: 80 %, under the floor of 95 %"
        + " (budgets.steady.min-throughput-percent)", FailureLines.plain(throughput));
    assertEquals("██████████", Headroom.textBar(1.1875));
    assertEquals("█████████░", Headroom.textBar(0.999), "full only at the limit");
  }

  @Test
  void thePhasesAreCardsBuiltFromTheRunsPhases() throws Exception {
    Summary sample = SignOffPageTest.sample();
    Drift drift = new Drift(new Window(0, 60_000, 1200, 1, 0.08, 110, 280, true, true),
        new Window(540_000, 600_000, 1200, 6, 0.5, 130, 330, true, true), List.of(), 0.42, 1, false,
        "drifted: chat-sse / ttft median 310 -> 420 ms (+35.48 %, limit +15 %)");
    Generator saturated = new Generator(4, 23.4, 80, 0.98, 1, 2, 900, 6, 180, 1_048_576, false,
        "figures unreliable: load generator saturated (event-loop lag p99 23.4 ms, over 10 ms)");
    List<String> reasons = new ArrayList<>(sample.reasons());
    reasons.add("soak drift: " + drift.verdict());
    Summary soak = new Summary(sample.run(), false, reasons, sample.budgets(), sample.rows(), sample.streaming(),
        sample.audio(), new Comparison(null, "no baseline", "store one with the baseline command", List.of()),
        sample.windows(), new Phases(null, drift, null, null, null), saturated, sample.errors(), sample.resources(),
        sample.conversations());
    Document page = parse(SignOffPage.render(soak));
    assertEquals(List.of("Soak drift FAIL", "Against the baseline no baseline", "Load generator figures unreliable"),
        texts(page, "//section[@id='phases']//div[starts-with(@class, 'card ')]/h3"));
    assertEquals(List.of("card fail", "card neutral", "card warn"),
        texts(page, "//section[@id='phases']//div[starts-with(@class, 'card ')]/@class"));
    assertEquals("Soak drift failed: " + Texts.driftSentence(drift), text(page, "//header//li[3]"),
        "a failed phase in plain words: its card's sentence");
    String md = SignOffMarkdown.render(soak);
    assertTrue(md.contains("### Phases\n\n- **Soak drift: FAIL.** Each budgeted row's median"), md);
    assertTrue(md.contains("- **Load generator: figures unreliable.** figures unreliable: load generator saturated"),
        md);
  }

  @Test
  void everyCardThatShowsAPassCanShowAFailure() {
    Summary sample = SignOffPageTest.sample();
    BudgetResult efficiency = new BudgetResult(Thresholds.MIN_SCALING_EFFICIENCY, "high against low", "min", 70, 85.0,
        "%", true);
    BudgetResult throughput = new BudgetResult(Thresholds.MIN_THROUGHPUT, "journeys completed OK / 400 planned",
        "min", 95, 99.5, "%", true);
    Comparison clean = new Comparison("baselines/Spike-nightly.json", "compared", "baseline from 1f0e2d3",
        List.of(new Comparison.Delta("chat-sse / ttft", 560, 580, 3.57, 15, false,
            new ChangeInterval(400, 410, -4.0, 11.0, 15, ChangeInterval.HOLDS, null))));
    Summary healthy = withCards(sample, List.of(efficiency, throughput), clean);
    Summary failing = withCards(sample, List.of(failed(efficiency, 40.0), failed(throughput, 80.0)), sample.baseline());
    assertEquals(List.of("Scalability efficiency 60 % PASS", "Throughput PASS PASS",
        "Against the baseline no regression PASS", "Load generator figures reliable PASS"), cards(healthy));
    assertEquals(List.of("Scalability efficiency 60 % FAIL", "Throughput FAIL FAIL",
        "Against the baseline regressed FAIL", "Load generator figures reliable PASS"), cards(failing));
    assertEquals("Journeys completed OK / 400 planned: 80 % (floor 95 %).",
        PhaseCards.of(failing).get(1).sentence());
  }

  private static BudgetResult failed(BudgetResult budget, double actual) {
    return new BudgetResult(budget.key(), budget.path(), budget.statistic(), budget.limit(), actual, budget.unit(),
        false);
  }

  private static Summary withCards(Summary s, List<BudgetResult> budgets, Comparison baseline) {
    return new Summary(s.run(), s.passed(), s.reasons(), budgets, s.rows(), s.streaming(), s.audio(), baseline,
        s.windows(), new Phases(null, null, null, ScalingPageTest.SCALING, null), s.generator(), s.errors(), s.resources(),
        s.conversations());
  }

  /** Each card: its title, its badge and its tone. */
  private static List<String> cards(Summary summary) {
    return PhaseCards.of(summary).stream().map(c -> c.title() + " " + c.badge() + " " + c.tone()).toList();
  }

  @Test
  void summaryMdKeepsTheSameOrderWithATextBarAndFoldsTheBudgetTable() {
    String md = SignOffMarkdown.render(SignOffPageTest.sample());
    String firstScreen = md.substring(0, md.indexOf("### Journeys"));
    List<String> order = new ArrayList<>(List.of("## ❌ FAIL: Spike", "**Why it failed**"));
    FAILURES.forEach(line -> order.add("- " + line + "\n"));
    order.add("### Closest to the limit");
    order.add("| budgets.chat.ttft.p95 | after the spike / chat-sse / ttft | 620 ms | limit 500 ms | ██████████ 124 %"
        + " | **FAIL** |\n");
    order.add("| budgets.story.end-to-end.p95 | after the spike / story / end-to-end | 6200 ms | limit 8000 ms |"
        + " ███████░░░ 77.5 % | PASS |\n");
    order.add("### Phases");
    assertInOrder(firstScreen, order);
    assertInOrder(md, List.of("### Journeys", "#### chat-sse\n\n❌ 2 of 3 budgets met\n", "#### story", "#### voice",
        "### Budgets", "<details><summary>✅ whole run: 1 of 1 budgets met</summary>\n\n| budget |",
        "<details open><summary>❌ chat-sse: 2 of 3 budgets met</summary>\n\n| budget |", "</details>"));
    assertFalse(passedMarkdown().contains("<details open>"), "a passed run folds every group");
  }

  private static String passedMarkdown() {
    return SignOffMarkdown.render(passedSample());
  }

  /** The sample with its two failed budgets met. */
  private static Summary passedSample() {
    Summary s = SignOffPageTest.sample();
    List<BudgetResult> met = s.budgets().stream().map(b -> b.passed() ? b : new BudgetResult(b.key(), b.path(),
        b.statistic(), b.limit(), b.limit() / 2, b.unit(), true)).toList();
    return new Summary(s.run(), true, List.of(), met, s.rows(), s.streaming(), s.audio(), s.baseline(), s.windows(),
        s.phases(), s.generator(), s.errors(), s.resources(), s.conversations());
  }

  private static void assertInOrder(String text, List<String> parts) {
    int from = 0;
    for (String part : parts) {
      int at = text.indexOf(part, from);
      assertTrue(at >= 0, "missing, or out of order: " + part + "\nin\n" + text);
      from = at + part.length();
    }
  }
}
