package llmperf.signoff.render;

import static llmperf.signoff.render.SignOffPageTest.cells;
import static llmperf.signoff.render.SignOffPageTest.count;
import static llmperf.signoff.render.SignOffPageTest.parse;
import static llmperf.signoff.render.SignOffPageTest.sample;
import static llmperf.signoff.render.SignOffPageTest.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import llmperf.signoff.analysis.CapacitySearch;
import llmperf.signoff.analysis.Summary;
import llmperf.signoff.analysis.Summary.Phases;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** The Capacity search on the sign-off page and in summary.md: the answer, what limits it, the probes. */
class CapacityPageTest {

  private static final String TTFT_FAILED = "budgets.story.ttft.p95 on 7 users/s / story / ttft: 812 ms (limit 500 ms)";

  private static CapacitySearch.Probe probe(double rate, boolean held, List<String> failed) {
    return new CapacitySearch.Probe(rate, held, failed, rate * 3, rate * 47, 0,
        "results/capacity-probes-1796503856051/capacityprobe-2026120520510" + (int) rate);
  }

  private static Summary withSearch(CapacitySearch search) {
    Summary s = sample();
    // As RunAnalysis words a search that found no rate.
    List<String> reasons = search.found() ? List.of() : List.of("capacity: " + search.stoppedBy());
    return new Summary(s.run(), search.found(), reasons, s.budgets(), s.rows(), s.streaming(), s.audio(),
        s.baseline(), s.windows(), new Phases(null, null, null, null, search), s.generator(), s.errors(),
        s.resources(), s.conversations());
  }

  @Test
  void theAnswerWhatLimitsItAndEveryProbe() throws Exception {
    CapacitySearch search = new CapacitySearch(List.of(probe(4, true, List.of()),
        probe(8, false, List.of("budgets.story.ttft.p95 on 8 users/s / story / ttft: 1518 ms (limit 500 ms)")),
        probe(6, true, List.of()), probe(7, false, List.of(TTFT_FAILED))), 6.0, 7.0, 20,
        "the bracket is within 20 % (capacity.precision)");
    Document page = parse(SignOffPage.render(withSearch(search)));

    String phases = text(page, "//section[h2='Phase analysis']");
    assertTrue(phases.contains("Max rate at budget: 6 users/s (18 requests/s, 282 output tokens/s), limited by "
        + TTFT_FAILED + ". 4 probes; the search stopped as the bracket is within 20 % (capacity.precision)."), phases);
    assertEquals(List.of("4", "7", "21", "329", "0", TTFT_FAILED, "capacity-probes-1796503856051/capacityprobe-"
        + "20261205205107", "FAIL"), cells(page, "Phase analysis", "4"));
    assertEquals(2, count(page, "//*[local-name()='circle' and @class='held']"));
    assertEquals(2, count(page, "//*[local-name()='circle' and @class='broke']"));

    String markdown = SignOffMarkdown.render(withSearch(search));
    assertTrue(markdown.contains("**Capacity: 6 users/s.** Max rate at budget: 6 users/s"), markdown);
    assertTrue(markdown.contains("Probes: 4 held, 8 broke, 6 held, 7 broke."), markdown);
  }

  @Test
  void noRateMeetingEveryBudgetIsSaidWithWhatFailedAtTheLowest() throws Exception {
    CapacitySearch search = new CapacitySearch(List.of(probe(2, false, List.of("a", "b", "c", "d")),
        probe(1, false, List.of(TTFT_FAILED))), null, 1.0, 5, "no rate held, down to 1 users/s");
    Document page = parse(SignOffPage.render(withSearch(search)));

    String phases = text(page, "//section[h2='Phase analysis']");
    assertTrue(phases.contains("No rate met every budget: at 1 users/s " + TTFT_FAILED + "; 2 probes; the search"
        + " stopped as no rate held, down to 1 users/s."), phases);
    assertEquals("none", text(page, "//div[@class='phase']/h3/span"));
    assertEquals("a; b; c (and 1 more)", search.probes().get(0).failedInShort());
  }

  /** The search is a test case of signoff-junit.xml: passed when it found a rate, failed saying why when it did not. */
  @Test
  void theSearchIsATestCaseThatFailsWhenNoRateHeld() throws Exception {
    CapacitySearch found = new CapacitySearch(List.of(probe(4, true, List.of()), probe(8, false, List.of(TTFT_FAILED))),
        4.0, 8.0, 20, "the bracket is within 20 % (capacity.precision)");
    CapacitySearch none = new CapacitySearch(List.of(probe(1, false, List.of(TTFT_FAILED))), null, 1.0, 5,
        "no rate held, down to 1 users/s");
    String capacityCase = "//testcase[@name='Capacity']";

    Document passed = parse(SignOffJunit.render(withSearch(found)));
    assertEquals(1, count(passed, capacityCase));
    assertEquals(0, count(passed, capacityCase + "/failure"));

    Document failed = parse(SignOffJunit.render(withSearch(none)));
    assertEquals("capacity: no rate held, down to 1 users/s",
        ((Element) SignOffPageTest.node(failed, capacityCase + "/failure")).getAttribute("message"));
  }
}
