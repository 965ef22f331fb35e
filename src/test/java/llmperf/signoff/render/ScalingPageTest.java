package llmperf.signoff.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import llmperf.signoff.analysis.Summary;
import llmperf.signoff.analysis.Summary.Phases;
import llmperf.signoff.analysis.Summary.Phases.Scaling;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/** A scalability run's phase on the page and in summary.md: both steps, the efficiency, the chart. */
class ScalingPageTest {

  static final Scaling SCALING = new Scaling(List.of(new Scaling.Step("low (10 users)", 10, 1500, 0, 50, 900),
      new Scaling.Step("high (100 users)", 100, 9000, 1.5, 300, 1800)), 60.0);

  static Summary sample() {
    Summary s = SignOffPageTest.sample();
    return new Summary(s.run(), s.passed(), s.reasons(), s.budgets(), s.rows(), s.streaming(), s.audio(), s.baseline(),
        s.windows(), new Phases(null, null, null, SCALING, null), s.generator(), s.errors(), s.resources(), s.conversations());
  }

  @Test
  void thePhaseGivesBothStepsAndTheEfficiency() throws Exception {
    Document page = SignOffPageTest.parse(SignOffPage.render(sample()));
    assertEquals(List.of("low (10 users)", "10", "1500", "0", "50", "900"),
        SignOffPageTest.cells(page, "Phase analysis", "low (10 users)"));
    assertEquals(List.of("high (100 users)", "100", "9000", "1.5", "300", "1800"),
        SignOffPageTest.cells(page, "Phase analysis", "high (100 users)"));
    String phase = SignOffPageTest.text(page, "//section[h2='Phase analysis']");
    assertTrue(phase.contains("Scalability efficiency 60 %"), phase);
    assertTrue(phase.contains("Scaling efficiency 60 %: 50 OK requests/s at 10 users, 300 at 100 (p95 900 -> 1800 ms);"
        + " 10 times the users gave 6 times the throughput."), phase);
  }

  @Test
  void theChartDrawsEachStepAndTheLinearExpectation() throws Exception {
    Document page = SignOffPageTest.parse(SignOffPage.render(sample()));
    String chart = SignOffPageTest.text(page, "//figure[starts-with(figcaption, 'Scaling steps')]");
    assertTrue(chart.contains("linear: 500 /s"), "10 times the low step's 50/s: " + chart);
    assertEquals(4, SignOffPageTest.count(page, "//figure[starts-with(figcaption, 'Scaling steps')]//*[local-name()='rect']"),
        "a throughput bar and a p95 bar per step");
  }

  @Test
  void summaryMdSaysTheSame() {
    String md = SignOffMarkdown.render(sample());
    assertTrue(md.contains("- **Scalability: efficiency 60 %.** Scaling efficiency 60 %: 50 OK requests/s at 10 users, 300 at 100"), md);
  }
}
