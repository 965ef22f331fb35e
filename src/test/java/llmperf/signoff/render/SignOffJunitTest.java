package llmperf.signoff.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import llmperf.signoff.analysis.Summary;
import llmperf.signoff.analysis.Summary.BudgetResult;
import llmperf.signoff.analysis.Summary.Comparison;
import llmperf.signoff.analysis.Summary.Phases;
import llmperf.signoff.analysis.Summary.Phases.Recovery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** signoff-junit.xml, written and read back with the JDK's DOM parser as a CI system reads it. */
class SignOffJunitTest {

  /** A path no XML writer may pass through unescaped: markup, both quotes, a line break and a control character. */
  private static final String HOSTILE_PATH = "after the spike / chat-sse / <b>\"it's\" & co\n\u0001";

  @TempDir
  Path folder;

  @Test
  void everyBudgetAndPhaseIsATestCaseAndEachFailureCarriesTheSignOffsLine() throws Exception {
    Summary failed = failedSpike();
    Element suite = (Element) write(failed).getElementsByTagName("testsuite").item(0);
    assertEquals("Spike (nightly)", suite.getAttribute("name"));
    // 6 budgets, the recovery, the baseline comparison that compared nothing, the stopped load.
    assertEquals("9", suite.getAttribute("tests"));
    assertEquals("4", suite.getAttribute("failures"));
    assertEquals("1", suite.getAttribute("skipped"));
    assertEquals("0", suite.getAttribute("errors"));
    assertEquals("200.000", suite.getAttribute("time"));
    assertEquals("2025-06-01T14:00:00", suite.getAttribute("timestamp"));

    List<Element> cases = elements(suite, "testcase");
    Element ttft = find(cases, "budgets.chat.ttft.p95 on after the spike / chat-sse / ttft");
    assertEquals("Spike.chat-sse", ttft.getAttribute("classname"));
    Element failure = (Element) ttft.getElementsByTagName("failure").item(0);
    assertEquals("budgets.chat.ttft.p95 on after the spike / chat-sse / ttft: 620 ms (limit 500 ms)",
        failure.getAttribute("message"), "the console's line");
    assertEquals("after the spike / chat-sse / ttft: p95 620 ms, over the limit of 500 ms (budgets.chat.ttft.p95)",
        failure.getTextContent(), "the page's plain words");
    assertEquals("Spike.run", find(cases, "budgets.all.error-rate-percent on after the spike")
        .getAttribute("classname"));
    assertEquals(0, find(cases, "budgets.rest.p95 on after the spike / chat-sse / send")
        .getElementsByTagName("failure").getLength());

    Element recovery = find(cases, "Spike recovery");
    assertEquals("Spike.recovery", recovery.getAttribute("classname"));
    assertEquals("spike recovery: never recovered (limit 30000 ms)",
        ((Element) recovery.getElementsByTagName("failure").item(0)).getAttribute("message"));
    Element baseline = find(cases, "Against the baseline");
    assertEquals("no baseline: store one with the baseline command",
        ((Element) baseline.getElementsByTagName("skipped").item(0)).getAttribute("message"));
    Element stopped = find(cases, "sign-off");
    assertEquals("the load was stopped: 95 % of the journeys failed",
        ((Element) stopped.getElementsByTagName("failure").item(0)).getAttribute("message"),
        "a reason no budget or phase explains still fails a case: the file never reads green for a failed run");
  }

  @Test
  void textFromTheDataIsEscapedAndReadsBackAsTheSameText() throws Exception {
    Summary s = failedSpike();
    List<BudgetResult> budgets = new ArrayList<>(s.budgets());
    BudgetResult hostile = new BudgetResult("budgets.rest.p95", HOSTILE_PATH, "p95", 300, 400.0, "ms", false);
    budgets.add(hostile);
    List<String> reasons = new ArrayList<>(s.reasons());
    reasons.add(hostile.describe());
    Summary withHostile = new Summary(s.run(), false, reasons, budgets, s.rows(), s.streaming(), s.audio(),
        s.baseline(), s.windows(), s.phases(), s.generator(), s.errors(), s.resources(), s.conversations());
    Element testcase = find(elements(write(withHostile).getDocumentElement(), "testcase"),
        "budgets.rest.p95 on " + HOSTILE_PATH.replace('\u0001', '\uFFFD'));
    assertEquals(hostile.describe().replace('\u0001', '\uFFFD'),
        ((Element) testcase.getElementsByTagName("failure").item(0)).getAttribute("message"),
        "markup, quotes and the line break survive; the control character XML cannot hold is replaced");
  }

  @Test
  void aPassedRunHasNoFailure() throws Exception {
    Summary s = SignOffPageTest.sample();
    List<BudgetResult> met = s.budgets().stream().filter(BudgetResult::passed).toList();
    Summary passed = new Summary(s.run(), true, List.of(), met, s.rows(), s.streaming(), s.audio(), s.baseline(),
        s.windows(), s.phases(), s.generator(), s.errors(), s.resources(), s.conversations());
    Element suites = write(passed).getDocumentElement();
    assertEquals("testsuites", suites.getTagName());
    assertEquals("5", suites.getAttribute("tests"), "4 budgets and the recovery; the baseline compared rows");
    assertEquals("0", suites.getAttribute("failures"));
    assertEquals("0", suites.getAttribute("skipped"));
  }

  /**
   * The sample Spike failed three ways a run can: two budgets, a recovery that never came, and a stopped load; with
   * no baseline to compare.
   */
  private static Summary failedSpike() {
    Summary s = SignOffPageTest.sample();
    Recovery never = new Recovery(100_000, null, 30_000, false, null);
    List<String> reasons = new ArrayList<>();
    reasons.add("the load was stopped: 95 % of the journeys failed");
    reasons.addAll(s.reasons());
    reasons.add("spike recovery: never recovered (limit 30000 ms)");
    return new Summary(s.run(), false, reasons, s.budgets(), s.rows(), s.streaming(), s.audio(),
        new Comparison(null, "no baseline", "store one with the baseline command", List.of()), s.windows(),
        new Phases(never, null, null, null, null), s.generator(), s.errors(), s.resources(), s.conversations());
  }

  private Document write(Summary summary) throws Exception {
    Path file = folder.resolve(SignOffJunit.FILE);
    Files.writeString(file, SignOffJunit.render(summary), StandardCharsets.UTF_8);
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return factory.newDocumentBuilder().parse(file.toFile());
  }

  private static List<Element> elements(Element parent, String tag) {
    NodeList nodes = parent.getElementsByTagName(tag);
    List<Element> elements = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      elements.add((Element) nodes.item(i));
    }
    return elements;
  }

  private static Element find(List<Element> cases, String name) {
    return cases.stream().filter(c -> c.getAttribute("name").equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no test case named " + name + " among "
            + cases.stream().map(c -> c.getAttribute("name")).toList()));
  }
}
