package llmperf.signoff.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import llmperf.signoff.analysis.Summary;
import llmperf.signoff.analysis.Summary.Generator;
import llmperf.signoff.analysis.Summary.Streaming;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/** The page's tables of trust: the comparison with the server's record, and the load generator's health. */
class SignOffPageTrustTest {

  @Test
  void theServerRecordTableShowsTheMeasurementErrorAndTheTtftBreakdown() throws Exception {
    Document page = SignOffPageTest.parse(SignOffPage.render(SignOffPageTest.sample()));
    assertEquals(List.of("chat-sse", "1788", "0", "81", "82", "83", "0.21", "0.64", "3.1", "0.33", "0.9", "4.2", "0.05",
        "0.4", "0", "12.5", "80.9", "81.8", "1.12", "2.5"),
        SignOffPageTest.cells(page, "Against the server's record", "chat-sse"));
    assertEquals(0, SignOffPageTest.count(page, "//section[h2=\"Against the server's record\"]//tr[td[1]=\"story\"]"),
        "a journey without a record has no row");
  }

  @Test
  void withoutAServerRecordThePageSaysSoInsteadOfAnEmptyTable() throws Exception {
    Summary sample = SignOffPageTest.sample();
    List<Streaming> unchecked = sample.streaming().stream().map(s -> new Streaming(s.journey(), s.replies(),
        s.failedReplies(), s.ttft(), s.interChunk(), s.itl(), s.endToEnd(), s.outputTokensPerSecond(),
        s.goodputPerSecond(), s.outputTokens(), s.systemOutputTokensPerSecond(), s.tokenSource(), s.chunkGaps(), null, null,
        null, null, 0, null)).toList();
    String html = SignOffPage.render(new Summary(sample.run(), sample.passed(), sample.reasons(), sample.budgets(),
        sample.rows(), unchecked, sample.audio(), sample.baseline(), sample.windows(), sample.phases(), sample.generator(), sample.errors(), sample.resources(), sample.conversations()));
    assertTrue(html.contains(Tables.NO_TRUTH));
  }

  @Test
  void aSaturatedGeneratorIsFlaggedInTheBannerAndItsTable() throws Exception {
    Summary sample = SignOffPageTest.sample();
    Generator saturated = new Generator(4, 23.4, 80, 0.98, 1, 2, 900, 6, 180, 1_048_576, false,
        "figures unreliable: load generator saturated (event-loop lag p99 23.4 ms, over 10 ms)");
    Document page = SignOffPageTest.parse(SignOffPage.render(new Summary(sample.run(), sample.passed(), sample.reasons(),
        sample.budgets(), sample.rows(), sample.streaming(), sample.audio(), sample.baseline(), sample.windows(),
        sample.phases(), saturated, sample.errors(), sample.resources(), sample.conversations())));
    assertEquals(saturated.verdict(), SignOffPageTest.text(page, "//header//p[@class='unreliable']"));
    assertEquals("23.4", SignOffPageTest.cells(page, "Load generator", saturated.verdict()).get(2));
    Document calm = SignOffPageTest.parse(SignOffPage.render(sample));
    assertEquals(0, SignOffPageTest.count(calm, "//p[@class='unreliable']"), "a reliable run carries no warning");
  }
}
