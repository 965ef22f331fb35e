package llmperf.signoff.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import llmperf.metrics.TokenAskTally;
import llmperf.signoff.analysis.ChangeInterval;
import llmperf.signoff.analysis.Summary;
import llmperf.signoff.analysis.Summary.Audio;
import llmperf.signoff.analysis.Summary.BudgetResult;
import llmperf.signoff.analysis.Summary.ChunkGaps;
import llmperf.signoff.analysis.Summary.Comparison;
import llmperf.signoff.analysis.Summary.Comparison.Delta;
import llmperf.signoff.analysis.Summary.ErrorCause;
import llmperf.signoff.analysis.Summary.Generator;
import llmperf.signoff.analysis.Summary.Phases;
import llmperf.signoff.analysis.Summary.Phases.BreakingPoint;
import llmperf.signoff.analysis.Summary.Phases.BreakingPoint.Stair;
import llmperf.signoff.analysis.Summary.Phases.Drift;
import llmperf.signoff.analysis.Summary.Phases.Recovery;
import llmperf.signoff.analysis.Summary.RowStats;
import llmperf.signoff.analysis.Summary.Run;
import llmperf.signoff.analysis.Summary.Spread;
import llmperf.signoff.analysis.Summary.Streaming;
import llmperf.signoff.analysis.Summary.Truth;
import llmperf.signoff.analysis.Summary.Window;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

class SignOffPageTest {

  static final Generator GENERATOR = new Generator(0.05, 0.4, 3.2, 0.42, 0.9, 2, 120, 0.8, 180, 1_048_576, true,
      "figures reliable");

  static final List<ErrorCause> ERRORS = List.of(
      new ErrorCause("http 429", 12, 0.6, "http 429: Retry-After 1; {\"error\":\"busy\"}"),
      new ErrorCause("dropped", 3, 0.15, "dropped: after 12 events"));

  /** chat-sse held against the server's record; story has none. */
  static final Truth TRUTH = new Truth(1788, 0, 0, new Spread(0.21, 0.64, 3.1, 3.1), new Spread(0.33, 0.9, 4.2, 4.2),
      new Spread(0.05, 0.4, 2, 2), new Spread(0, 12.5, 40, 40), new Spread(80.9, 81.8, 82, 82),
      new Spread(1.12, 2.5, 9, 9), new Spread(81, 82, 83, 90), false, null);

  static final long START = Instant.parse("2025-06-01T14:00:00Z").toEpochMilli();

  /** A request name that would run as script if the page did not escape it. */
  static final String HOSTILE = "<script>alert('x')</script> & \"co\"";

  /**
   * A failed Spike run at the nightly scale: the chat TTFT budget missed, the enhance row never ran, one REST
   * regression against the baseline, 20 windows of 10 s with the spike from 60 s to 100 s, recovered 20 s later.
   */
  static Summary sample() {
    Run run = new Run("Spike", "nightly", "embedded", "3f2a1b9c0d7e", START, START + 200_000, "index.html", 0);
    List<BudgetResult> budgets = List.of(
        new BudgetResult("budgets.all.error-rate-percent", "after the spike", "error-rate-percent", 1, 0.42, "%",
            true),
        new BudgetResult("budgets.rest.p95", "after the spike / chat-sse / send", "p95", 300, 212.0, "ms", true),
        new BudgetResult("budgets.chat.ttft.p95", "after the spike / chat-sse / ttft", "p95", 500, 620.0, "ms",
            false),
        new BudgetResult("budgets.chat.inter-chunk.p95", "after the spike / chat-sse / inter-chunk", "p95", 100,
            64.0, "ms", true),
        new BudgetResult("budgets.enhance.p99", "after the spike / enhance / enhance", "p99", 5000, null, "ms",
            false),
        new BudgetResult("budgets.story.end-to-end.p95", "after the spike / story / end-to-end", "p95", 8000,
            6200.0, "ms", true));
    List<String> reasons = List.of(
        "budgets.chat.ttft.p95 on after the spike / chat-sse / ttft: 620 ms (limit 500 ms)",
        "budgets.enhance.p99 on after the spike / enhance / enhance: never ran (limit 5000 ms)");
    List<RowStats> rows = List.of(
        row("chat-sse / login", 600, 0, 40), row("chat-sse / send", 1800, 4, 106),
        row("chat-sse / ttft", 1800, 12, 310), row("chat-sse / inter-chunk", 1800, 12, 32),
        row("chat-sse / itl", 1800, 12, 18), row("chat-sse / end-to-end", 1800, 12, 1400),
        row("story / models", 300, 0, 20), row("story / ttft", 300, 1, 240),
        row("story / inter-chunk", 300, 1, 40), row("story / itl", 300, 1, 22),
        row("story / end-to-end", 300, 1, 3100), row("voice / first-audio-byte", 120, 2, 160),
        row("voice / audio-ms-per-kib", 120, 2, 32), row(HOSTILE, 3, 3, 10));
    List<Streaming> streaming = List.of(
        new Streaming("chat-sse", 1800, 12, rows.get(2), rows.get(3), rows.get(4), rows.get(5), 55.6, 7.35,
            108_000, 540, "usage", new ChunkGaps(106_000, 17, 24, 41, 260), TRUTH, null, null, null, 0, null),
        new Streaming("story", 300, 1, rows.get(7), rows.get(8), rows.get(9), rows.get(10), 45.45, 1.2, 75_000,
            375, "content events", new ChunkGaps(74_700, 21, 30, 48, 190), null, null, null, null, 0,
            new TokenAskTally.Figures(300, 300, 300, 1000, 1000, 1000, 1000, 100, 100, 98, 97.5,
                "tokenizer llama.json")));
    List<Audio> audio = List.of(new Audio("voice", 120, 2, rows.get(11), rows.get(12), 32_000));
    Comparison baseline = new Comparison("baselines/Spike-nightly.json", "compared",
        "baseline from 1f0e2d3 on 2025-05-28", List.of(
            new Delta("chat-sse / send", 180, 212, 17.777, 10, true, change(12.5, 24.1, "regressed")),
            new Delta("chat-sse / ttft", 560, 620, 10.714, 15, false, change(-2, 24, ChangeInterval.WITHIN_NOISE)),
            new Delta("story / end-to-end", 6100, 5900, -3.279, 15, false, change(-9, 3, ChangeInterval.HOLDS))));
    Phases phases = new Phases(new Recovery(100_000, 20_000L, 30_000, true, null), null, null, null, null);
    return new Summary(run, false, reasons, budgets, rows, streaming, audio, baseline, spikeWindows(), phases, GENERATOR, ERRORS, ResourcesPageTest.SAMPLED, List.of());
  }

  private static ChangeInterval change(double low, double high, String verdict) {
    return new ChangeInterval(400, 410, low, high, 15, verdict, null);
  }

  /** 20 windows of 10 s: calm, the spike (windows 6 to 9), two windows still over budget, calm again. */
  static List<Window> spikeWindows() {
    List<Window> windows = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      boolean spike = i >= 6 && i <= 9;
      boolean recovering = i == 10 || i == 11;
      long p50 = spike ? 420 : recovering ? 260 : 110 + i % 3 * 5;
      long p95 = spike ? 1800 + 200 * (i - 6) : recovering ? 900 - 300 * (i - 10) : 270 + i % 4 * 10;
      double errors = spike ? 2.5 + 0.5 * (i - 6) : recovering ? 0.8 : 0.1;
      long count = spike ? 900 : 300;
      windows.add(new Window(i * 10_000L, (i + 1) * 10_000L, count, Math.round(count * errors / 100), errors, p50,
          p95, !spike && !recovering, true));
    }
    return windows;
  }

  /** A row whose percentiles follow a plausible long-tailed shape from its median. */
  static RowStats row(String name, long count, long ko, long p50) {
    return new RowStats(Arrays.asList(name.split(" / ")), count, count - ko, ko, 100.0 * ko / count, p50 / 4,
        p50 * 11 / 10, p50, p50 * 13 / 10, p50 * 2, p50 * 13 / 5, p50 * 4, count / 200.0);
  }

  /** Writes the sample page to a file (default /tmp/signoff.html), to look at it in a browser. */
  public static void main(String[] args) throws IOException {
    Path page = Path.of(args.length > 0 ? args[0] : "/tmp/signoff.html");
    Files.writeString(page, SignOffPage.render(sample()), StandardCharsets.UTF_8);
    System.out.println(page.toAbsolutePath());
  }

  @Test
  void theBannerGivesTheVerdictTheRunAndTheReasons() throws Exception {
    Document page = parse(SignOffPage.render(sample()));
    Element banner = (Element) node(page, "//header");
    assertEquals("banner fail", banner.getAttribute("class"));
    assertEquals("FAIL", text(page, "//header/div[@class='verdict']"));
    String facts = banner.getTextContent();
    for (String fact : List.of("Spike", "nightly scale", "4 of 6 budgets met", "embedded", "3f2a1b9c0d7e",
        "2025-06-01 14:00:00 UTC", "2025-06-01 14:03:20 UTC", "3 min 20 s")) {
      assertTrue(facts.contains(fact), fact);
    }
    assertEquals(2, count(page, "//header//ul/li"));
    assertEquals("index.html", ((Element) node(page, "//header//a")).getAttribute("href"));
    assertEquals("FAIL: Spike (nightly)", text(page, "//title"));
  }

  @Test
  void everyBudgetIsARowWithItsLimitActualAndVerdict() throws Exception {
    Document page = parse(SignOffPage.render(sample()));
    assertEquals(List.of("budgets.chat.ttft.p95", "after the spike / chat-sse / ttft", "p95", "500 ms", "620 ms",
        "FAIL"), cells(page, "Budgets", "budgets.chat.ttft.p95"));
    assertEquals(List.of("budgets.enhance.p99", "after the spike / enhance / enhance", "p99", "5000 ms",
        "never ran", "FAIL"), cells(page, "Budgets", "budgets.enhance.p99"));
    assertEquals(List.of("budgets.all.error-rate-percent", "after the spike", "error-rate-percent", "1 %", "0.42 %",
        "PASS"), cells(page, "Budgets", "budgets.all.error-rate-percent"));
    assertEquals("failed", rowClass(page, "Budgets", "budgets.chat.ttft.p95"));
    assertEquals("", rowClass(page, "Budgets", "budgets.rest.p95"));
  }

  @Test
  void eachJourneysSectionHoldsItsStreamingFiguresAndItsRows() throws Exception {
    Document page = parse(SignOffPage.render(sample()));
    assertEquals(List.of("chat-sse", "1800", "12", "310", "620", "806", "64", "128", "17", "24", "41", "18", "36",
        "1400", "2800",
        "3640", "55.6", "540", "usage", "7.35"), cells(page, "Journey: chat-sse", "chat-sse"));
    assertEquals("content events", cells(page, "Journey: story", "story").get(18), "a server without usage says so");
    String story = text(page, "//section[h2='Journey: story']");
    assertTrue(story.contains(TokenAskTable.TITLE) && story.contains("97.5"), "asked tokens against the usage");
    assertTrue(SignOffPage.render(sample()).contains("<td>tokenizer llama.json</td>"),
        "how the prompt tokens were counted");
    assertEquals("1796", cells(page, "Journey: chat-sse", "chat-sse / send").get(2), "its REST rows");
    assertEquals(0, count(page, "//section[h2='Journey: chat-sse']//tr[td[1]='story / ttft']"), "no other journey's");
    assertEquals(List.of("Journey: chat-sse", "Journey: story", "Journey: voice", "Journey: enhance"),
        texts(page, "//section[@class='journey']/h2"), "streaming and voice first; enhance only from its budget");
  }

  @Test
  void errorsAreCountedByCauseAndARunWithoutAnySaysSo() throws Exception {
    Document page = parse(SignOffPage.render(sample()));
    assertEquals(List.of("http 429", "12", "0.6", "http 429: Retry-After 1; {\"error\":\"busy\"}"),
        cells(page, "Errors by cause", "http 429"));
    assertEquals("3", cells(page, "Errors by cause", "dropped").get(1));
    Summary s = sample();
    Document clean = parse(SignOffPage.render(new Summary(s.run(), true, List.of(), s.budgets(), s.rows(),
        s.streaming(), s.audio(), s.baseline(), s.windows(), s.phases(), s.generator(), List.of(), s.resources(), s.conversations())));
    assertEquals("No request failed.", text(clean, "//section[h2='Errors by cause']/p"));
  }

  @Test
  void theVoiceTableShowsFirstAudioByteAndPace() throws Exception {
    Document page = parse(SignOffPage.render(sample()));
    assertEquals(List.of("voice", "120", "2", "160", "320", "416", "32", "64", "32000"),
        cells(page, "Journey: voice", "voice"));
  }

  @Test
  void dataIsEscapedNotInterpreted() throws Exception {
    String html = SignOffPage.render(sample());
    assertFalse(html.contains("<script"), "a request name became markup");
    Document page = parse(html);
    assertEquals(0, count(page, "//script"));
    assertEquals(HOSTILE, cells(page, "Other report rows", HOSTILE).get(0),
        "the name reads back as the very same text");
  }

  @Test
  void thePageIsSelfContained() {
    String html = SignOffPage.render(sample());
    for (String outbound : List.of("http://", "https://", "<script", "<link", "<img", "<iframe", "@import", "url(",
        "src=")) {
      assertFalse(html.contains(outbound), outbound);
    }
    assertTrue(html.contains("<style>"));
  }

  @Test
  void theChartsAreInlineSvgDrawnFromTheWindows() throws Exception {
    Document page = parse(SignOffPage.render(sample()));
    assertEquals(4, count(page, "//section[h2='Charts']//svg"), "latency, throughput, errors, TTFT");
    String p95 = ((Element) node(page, "(//svg)[1]/polyline[@class='s-p95']")).getAttribute("points");
    assertEquals(20, p95.split(" ").length, "one point per window");
    assertEquals(6, count(page, "(//svg)[1]/rect[@class='over']"), "the windows over budget are shaded");
    assertTrue(text(page, "(//svg)[1]").contains("tightest p95 budget: budgets.rest.p95 300 ms"));
    assertTrue(text(page, "(//svg)[1]").contains("peak end"));
    assertTrue(text(page, "(//svg)[1]").contains("recovered"));
    assertTrue(text(page, "(//svg)[3]").contains("budgets.all.error-rate-percent 1 %"));
    String ttft = text(page, "(//svg)[4]");
    assertTrue(ttft.contains("p50 310 · p75 403 · p95 620 · p99 806 · max 1240 ms · budget p95 500 ms"), ttft);
    assertEquals(2, count(page, "(//svg)[4]/rect[@class='box']"), "one box per journey");
    assertEquals(1, count(page, "(//svg)[4]/line[@class='budget']"), "only chat-sse has a TTFT budget");
  }

  @Test
  void aWindowWithNoRequestBreaksTheLineInsteadOfDroppingToZero() throws Exception {
    Summary sample = sample();
    List<Window> windows = new ArrayList<>(sample.windows());
    windows.set(15, new Window(150_000, 160_000, 0, 0, 0, 0, 0, true, false));
    Document page = parse(SignOffPage.render(withWindows(sample, windows)));
    assertEquals(2, count(page, "(//svg)[1]/polyline[@class='s-p95']"));
  }

  @Test
  void aLoneWindowBetweenEmptyOnesIsADotAndASingleWindowRunHasNoTimeCharts() throws Exception {
    Summary sample = sample();
    List<Window> windows = new ArrayList<>(sample.windows());
    windows.set(14, new Window(140_000, 150_000, 0, 0, 0, 0, 0, true, false));
    windows.set(16, new Window(160_000, 170_000, 0, 0, 0, 0, 0, true, false));
    Document page = parse(SignOffPage.render(withWindows(sample, windows)));
    assertEquals(1, count(page, "(//svg)[1]/circle[@class='dot s-p95']"));

    Document smoke = parse(SignOffPage.render(withWindows(sample, List.of(sample.windows().get(0)))));
    assertEquals(1, count(smoke, "//svg"), "only the TTFT chart");
  }

  @Test
  void theBaselineComparisonFlagsTheRegression() throws Exception {
    Document page = parse(SignOffPage.render(sample()));
    assertEquals(List.of("chat-sse / send", "180", "212", "+17.78 %", "+12 % to +25 %", "+10 %", "REGRESSION"),
        cells(page, "Baseline comparison", "chat-sse / send").subList(0, 7));
    assertEquals("failed", rowClass(page, "Baseline comparison", "chat-sse / send"));
    assertEquals(List.of("story / end-to-end", "6100", "5900", "-3.28 %", "-9 % to +3 %", "+15 %", "holds"),
        cells(page, "Baseline comparison", "story / end-to-end").subList(0, 7));
    assertTrue(page.getDocumentElement().getTextContent().contains("baselines/Spike-nightly.json"));
  }

  @Test
  void theSpikeRecoveryIsExplained() throws Exception {
    Document page = parse(SignOffPage.render(sample()));
    assertTrue(text(page, "//div[@class='phase']").contains(
        "The peak ended 1 min 40 s after the start; the run was back within budget 20 s later (allowed 30 s)."));
  }

  @Test
  void aRunWithNothingButBudgetsStillRendersAPage() throws Exception {
    Summary sample = sample();
    Summary bare = new Summary(sample.run(), true, List.of(), sample.budgets(), List.of(), List.of(), List.of(),
        new Comparison(null, "no baseline", "store one with the baseline command", List.of()), List.of(),
        new Phases(null, null, null, null, null), sample.generator(), sample.errors(), sample.resources(), sample.conversations());
    Document page = parse(SignOffPage.render(bare));
    assertEquals(0, count(page, "//svg"));
    assertEquals(0, count(page, "//section[h2='Phase analysis']"));
    assertTrue(text(page, "//section[h2='Baseline comparison']").contains("no baseline"));
    assertEquals("None.", text(page, "//section[h2='Other report rows']/p[last()]"));
  }

  @Test
  void onlyARelativeReportIsLinked() throws Exception {
    Summary sample = sample();
    Run run = sample.run();
    Run elsewhere = new Run(run.simulation(), run.scale(), run.target(), run.gitCommit(), run.startEpochMs(),
        run.endEpochMs(), "javascript:alert(1)", 0);
    Document page = parse(SignOffPage.render(new Summary(elsewhere, sample.passed(), sample.reasons(),
        sample.budgets(), sample.rows(), sample.streaming(), sample.audio(), sample.baseline(), sample.windows(), sample.phases(), GENERATOR, sample.errors(), sample.resources(), sample.conversations())));
    assertEquals(0, count(page, "//a[not(@href='../trends.html')]"));
    assertTrue(text(page, "//footer").contains("javascript:alert(1)"));
  }

  static Summary withWindows(Summary s, List<Window> windows) {
    return new Summary(s.run(), s.passed(), s.reasons(), s.budgets(), s.rows(), s.streaming(), s.audio(), s.baseline(),
        windows, s.phases(), s.generator(), s.errors(), s.resources(), s.conversations());
  }

  // ---- reading the page back: it is well-formed XML, so the JDK's parser and XPath do

  static Document parse(String html) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    String xml = html.replaceFirst("^<!DOCTYPE html>", "");
    return factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
  }

  static Node node(Document page, String xpath) throws Exception {
    Node node = (Node) XPathFactory.newInstance().newXPath().evaluate(xpath, page, XPathConstants.NODE);
    assertNotNull(node, "nothing at " + xpath);
    return node;
  }

  static String text(Document page, String xpath) throws Exception {
    return node(page, xpath).getTextContent();
  }

  static List<String> texts(Document page, String xpath) throws Exception {
    NodeList nodes = (NodeList) XPathFactory.newInstance().newXPath().evaluate(xpath, page, XPathConstants.NODESET);
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      texts.add(nodes.item(i).getTextContent());
    }
    return texts;
  }

  static int count(Document page, String xpath) throws Exception {
    return ((NodeList) XPathFactory.newInstance().newXPath().evaluate(xpath, page, XPathConstants.NODESET))
        .getLength();
  }

  /** The cells of the row of a section's table whose first cell reads {@code first}. */
  static List<String> cells(Document page, String section, String first) throws Exception {
    NodeList tds = tableRow(page, section, first).getElementsByTagName("td");
    List<String> cells = new ArrayList<>();
    for (int i = 0; i < tds.getLength(); i++) {
      cells.add(tds.item(i).getTextContent());
    }
    return cells;
  }

  private static String rowClass(Document page, String section, String first) throws Exception {
    return tableRow(page, section, first).getAttribute("class");
  }

  private static Element tableRow(Document page, String section, String first) throws Exception {
    XPath xpath = XPathFactory.newInstance().newXPath();
    // Variables rather than literals: the text may hold both kinds of quote, which no XPath literal can.
    xpath.setXPathVariableResolver(name -> name.getLocalPart().equals("section") ? section : first);
    Element row = (Element) xpath.evaluate("//section[h2=$section]//tr[td[1]=$first]", page, XPathConstants.NODE);
    assertNotNull(row, "no row starting with " + first + " in " + section);
    return row;
  }
}
