package llmperf.signoff.render;

import static llmperf.signoff.render.SignOffPageTest.cells;
import static llmperf.signoff.render.SignOffPageTest.count;
import static llmperf.signoff.render.SignOffPageTest.node;
import static llmperf.signoff.render.SignOffPageTest.parse;
import static llmperf.signoff.render.SignOffPageTest.sample;
import static llmperf.signoff.render.SignOffPageTest.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import llmperf.signoff.analysis.ChangeInterval;
import llmperf.signoff.analysis.Summary;
import llmperf.signoff.analysis.Summary.Phases;
import llmperf.signoff.analysis.Summary.Phases.BreakingPoint;
import llmperf.signoff.analysis.Summary.Phases.BreakingPoint.Stair;
import llmperf.signoff.analysis.Summary.Phases.Drift;
import llmperf.signoff.analysis.Summary.Window;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** The phase analysis in detail: a soak's drift row by row, a staircase's stairs. */
class PhaseAnalysisPageTest {

  private static ChangeInterval change(double low, double high, String verdict) {
    return new ChangeInterval(400, 410, low, high, 15, verdict, null);
  }

  @Test
  void aSoakShowsItsDriftAndAStaircaseItsBreakingPoint() throws Exception {
    Window first = new Window(0, 60_000, 1200, 1, 0.08, 110, 280, true, true);
    Window last = new Window(7_140_000, 7_200_000, 1200, 6, 0.5, 130, 330, true, true);
    Drift drift = new Drift(first, last, List.of(
        new Drift.RowDrift("chat-sse / ttft", 400, 410, 310, 420, 35.48, 15, true, true, change(25.2, 46, "drifted")),
        new Drift.RowDrift("health / health", 4, 3, -1, -1, 0, 10, false, false, new ChangeInterval(4, 3, null, null,
            10, ChangeInterval.NOT_JUDGED, "needs 10 OK samples in each window"))), 0.42, 1, false,
        "drifted: chat-sse / ttft median 310 -> 420 ms (+35.48 %, limit +15 %)");
    BreakingPoint point = new BreakingPoint(List.of(
        new Stair("stair 1 (10 users/s)", 10, 4000, 0, 240, List.of()),
        new Stair("stair 2 (20 users/s)", 20, 8000, 0.1, 290, List.of()),
        new Stair("stair 3 (40 users/s)", 40, 15000, 6.5, 2400, List.of("budgets.rest.p95 (stair 3 / send)",
            "budgets.all.error-rate-percent (stair 3 (40 users/s))"))),
        "stair 2 (20 users/s)", 20.0, "errors (950 rejections: 429/503)", true);
    Summary sample = sample();
    Summary soakAndStairs = new Summary(sample.run(), true, List.of(), sample.budgets(), sample.rows(),
        sample.streaming(), sample.audio(), sample.baseline(), sample.windows(), new Phases(null, drift, point, null, null), sample.generator(), sample.errors(), sample.resources(), sample.conversations());
    Document page = parse(SignOffPage.render(soakAndStairs));

    assertEquals("banner pass", ((Element) node(page, "//header")).getAttribute("class"));
    assertEquals(0, count(page, "//header//ul"), "a passed run lists no reasons");
    String phases = text(page, "//section[h2='Phase analysis']");
    assertTrue(phases.contains("Each budgeted row's median, first full window against the last: drifted: chat-sse /"
        + " ttft median 310 -> 420 ms (+35.48 %, limit +15 %). Errors went from 0.08 % to 0.5 % (budget 1 %)."), phases);
    assertEquals(List.of("chat-sse / ttft", "400", "310", "410", "420", "+35.48 %", "+25 % to +46 %", "+15 %",
        "drifted"), cells(page, "Phase analysis", "chat-sse / ttft"));
    assertEquals("not judged: needs 10 OK samples in each window",
        cells(page, "Phase analysis", "health / health").get(8));
    assertTrue(phases.contains("The last stair meeting every budget was stair 2 (20 users/s): a sustainable rate"
        + " of 20 /s; broke by errors (950 rejections: 429/503); failures were fast rejections (429/503)."), phases);
    assertEquals(List.of("last", "7140", "7200", "1200", "0.5", "130", "330"), cells(page, "Phase analysis", "last"));
    assertEquals(List.of("stair 3 (40 users/s)", "40", "15000", "6.5", "2400",
        "budgets.rest.p95 (stair 3 / send), budgets.all.error-rate-percent (stair 3 (40 users/s))", "FAIL"),
        cells(page, "Phase analysis", "stair 3 (40 users/s)"));
    assertEquals("PASS", cells(page, "Phase analysis", "stair 2 (20 users/s)").get(6));
  }
}
