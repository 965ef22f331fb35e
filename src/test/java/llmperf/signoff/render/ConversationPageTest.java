package llmperf.signoff.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import llmperf.signoff.analysis.Summary;
import llmperf.signoff.analysis.Summary.Conversation;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/** A conversation's turns on the page and in summary.md: the growth sentence, a row per turn, TTFT against tokens. */
class ConversationPageTest {

  static final Conversation CONVERSATION = new Conversation("conversation", List.of(
      new Conversation.Turn(1, 8, 40, 92.4, 95.1), new Conversation.Turn(2, 8, 310, 146.5, 150.2),
      new Conversation.Turn(3, 7, 590, 202.3, 207), new Conversation.Turn(4, 7, 860, 256.9, 262.4),
      new Conversation.Turn(5, 7, 1140, 312.4, 320.8)), 200.1, "usage");

  private static Summary sample(List<Conversation> conversations) {
    Summary s = SignOffPageTest.sample();
    return new Summary(s.run(), s.passed(), s.reasons(), s.budgets(), s.rows(), s.streaming(), s.audio(), s.baseline(),
        s.windows(), s.phases(), s.generator(), s.errors(), s.resources(), conversations);
  }

  @Test
  void eachTurnIsARowAndTheSentenceGivesTheGrowth() throws Exception {
    Document page = SignOffPageTest.parse(SignOffPage.render(sample(List.of(CONVERSATION))));
    String section = SignOffPageTest.text(page, "//section[h2='Conversation turns']");
    assertTrue(section.contains("TTFT grew by 200.1 ms per 1,000 prompt tokens (least squares over the turns'"
        + " medians): turn 1's median TTFT 92.4 ms at 40 prompt tokens, turn 5's 312.4 ms at 1140 (prompt tokens:"
        + " usage)."), section);
    assertEquals(List.of("5", "7", "1140", "312.4", "320.8", "+220 ms"),
        SignOffPageTest.cells(page, "Conversation turns", "5"));
    String chart = "//section[h2='Conversation turns']//figure";
    assertEquals(10 + 2, SignOffPageTest.count(page, chart + "//*[local-name()='circle']"),
        "a p50 and a p95 dot per turn, and the legend's two");
    assertEquals(1, SignOffPageTest.count(page, chart + "//*[local-name()='line'][@class='guide']"), "the fit");
    assertTrue(SignOffPageTest.text(page, chart).contains("turn 5"));
  }

  @Test
  void turnsOfOneLengthHaveNoGrowthToMeasure() throws Exception {
    Conversation oneTurn = new Conversation("conversation", List.of(new Conversation.Turn(1, 8, 40, 92.4, 95.1)),
        null, "estimated");
    Document page = SignOffPageTest.parse(SignOffPage.render(sample(List.of(oneTurn))));
    assertEquals("No growth to measure: fewer than two turns of different lengths; turn 1's median TTFT 92.4 ms at 40"
        + " prompt tokens, turn 1's 92.4 ms at 40 (prompt tokens: estimated).",
        SignOffPageTest.text(page, "//section[h2='Conversation turns']/p"));
    assertEquals(0, SignOffPageTest.count(page, "//section[h2='Conversation turns']//*[local-name()='line']"
        + "[@class='guide']"), "no fitted line");
  }

  @Test
  void aRunWithoutConversationsHasNoSectionAndSummaryMdHasTheTable() throws Exception {
    Document page = SignOffPageTest.parse(SignOffPage.render(sample(List.of())));
    assertEquals(0, SignOffPageTest.count(page, "//section[h2='Conversation turns']"));
    String markdown = SignOffMarkdown.render(sample(List.of(CONVERSATION)));
    assertTrue(markdown.contains("### Conversation turns: conversation\n\nTTFT grew by 200.1 ms per 1,000 prompt"
        + " tokens"), markdown);
    assertTrue(markdown.contains("| 5 | 7 | 1140 | 312.4 | 320.8 | +220 ms |"), markdown);
  }
}
