package llmperf.signoff.trends;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import llmperf.signoff.SignOff;
import llmperf.signoff.WrittenRuns;
import llmperf.signoff.render.TrendsPage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/** trends.html, drawn again from history.jsonl after every sign-off. */
class TrendsTest {

  private static final long START = 1_700_000_000_000L;
  /** A line as the suite wrote them before budgets were kept in it. */
  private static final String OLD_LINE = "{\"commit\":\"0123456789abcdef\",\"simulation\":\"Written\",\"scale\":\"ci\","
      + "\"start\":1699999000000,\"passed\":true,\"run\":\"written-20231114000000000\",\"error_percent\":0.0,"
      + "\"output_tokens_per_s\":0.0,\"p95\":{\"chat-sse ttft\":80,\"chat-sse end-to-end\":900}}";

  /**
   * Three signed-off runs after an old-format line and a damaged one: every budgeted row has a point per run (the old
   * line gives none), on a line for its limit, each point linking to its run's sign-off with its commit in its title.
   */
  @Test
  void threeRunsAfterAnOldLineAndADamagedOneShowThreePointsPerRow(@TempDir Path results) throws Exception {
    Files.writeString(results.resolve(History.FILE), OLD_LINE + "\n{\"simulation\": \n", StandardCharsets.UTF_8);
    List<String> runs = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      String run = "written-2026120100000000" + i;
      WrittenRuns.write(results, run, WrittenRuns.plan("ci", 30, 1), START + 60_000L * i, 30, 100 + 200L * i, 0);
      runs.add(run);
    }
    Document page = parse(Files.readString(results.resolve(SignOff.TRENDS)));

    assertEquals(List.of("all requests error rate budgets.all.error-rate-percent, limit 1 %",
        "chat-sse / ttft p95 budgets.chat.ttft.p95, limit 500 ms",
        "journeys completed OK, % of planned budgets.steady.min-throughput-percent, limit 95 %",
        "system output tokens/s no limit"), texts(page, "//figure/figcaption"), "a chart per trended budget");
    NodeList figures = (NodeList) XPathFactory.newInstance().newXPath().evaluate("//figure", page,
        XPathConstants.NODESET);
    for (int i = 0; i < figures.getLength(); i++) {
      Element figure = (Element) figures.item(i);
      NodeList links = figure.getElementsByTagName("a");
      assertEquals(3, links.getLength(), "three points in " + figure.getTextContent());
      for (int p = 0; p < 3; p++) {
        Element link = (Element) links.item(p);
        assertEquals(runs.get(p) + "/signoff.html", link.getAttribute("href"));
        assertTrue(link.getTextContent().contains(runs.get(p) + ", commit "), link.getTextContent());
      }
    }
    String ttft = texts(page, "//figure[contains(figcaption, 'chat-sse / ttft p95')]//a/*[local-name()='circle']/@class")
        .toString();
    assertEquals("[point, point, point fail]", ttft, "the third run's TTFT p95 of 500 ms fails its < 500 ms budget");
    assertTrue(text(page, "//p[@class='unreliable']").startsWith("1 line(s) of history.jsonl could not be read and"
        + " are left out: line 2: "), "the damaged line is said, not fatal");
    assertEquals(4, page.getElementsByTagName("tr").getLength() - 1, "four runs listed: the old one and three");
    assertTrue(Files.readString(results.resolve(runs.get(2)).resolve("signoff.html"))
        .contains("<a href=\"../trends.html\">"), "each sign-off links to the trends beside its folder");
  }

  @Test
  void aBaselineAmongTheRunsIsMarkedAndAnEmptyHistoryIsSaid() throws Exception {
    HistoryLine old = HistoryLine.parse(OLD_LINE);
    Trends trends = Trends.of(new History(List.of(old), List.of()), (simulation, scale) -> old.run());
    Document page = parse(TrendsPage.render(trends));
    assertEquals("Baseline: run 1 (written-20231114000000000), the dotted vertical line.",
        text(page, "//section/p[1]"));
    assertEquals("No budget recorded in these runs' lines (lines written before budgets were kept have none).",
        text(page, "//section/p[2]"));
    assertEquals("No run recorded yet.",
        text(parse(TrendsPage.render(Trends.of(new History(List.of(), List.of()), (s, c) -> null))), "//body/p[2]"));
  }

  static Document parse(String html) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
    factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return factory.newDocumentBuilder().parse(new InputSource(new StringReader(html.replaceFirst("^<!DOCTYPE html>",
        ""))));
  }

  private static String text(Document page, String xpath) throws Exception {
    return XPathFactory.newInstance().newXPath().evaluate(xpath, page);
  }

  private static List<String> texts(Document page, String xpath) throws Exception {
    NodeList nodes = (NodeList) XPathFactory.newInstance().newXPath().evaluate(xpath, page, XPathConstants.NODESET);
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      texts.add(nodes.item(i).getTextContent());
    }
    return texts;
  }
}
