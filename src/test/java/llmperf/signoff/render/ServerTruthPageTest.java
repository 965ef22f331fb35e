package llmperf.signoff.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import llmperf.signoff.analysis.Summary;
import llmperf.signoff.analysis.Summary.LatencyFigure;
import llmperf.signoff.analysis.Summary.Quantile;
import llmperf.signoff.analysis.Summary.Spread;
import llmperf.signoff.analysis.Summary.Streaming;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/** "Against the server's record" for a server that is not the reference one: its timings, its histograms. */
class ServerTruthPageTest {

  private static final String SECTION = "Against the server's record";
  private static final Summary.Timings TIMINGS = new Summary.Timings("llama.cpp timings in 9 of 10 replies", 10, 9,
      new Spread(21.5, 30, 31, 32), new Spread(0.4, 1.25, 2, 3), new Spread(40, 52, 60, 61), new Spread(20, 21, 22, 23));
  private static final Summary.ServerLatency HISTOGRAMS = new Summary.ServerLatency("http://gpu:8000/metrics", null,
      List.of(new LatencyFigure("ttft", "vllm:time_to_first_token_seconds", 100, new Quantile(87.5, 80, 100.0),
              new Quantile(240, 200, 250.0), new Quantile(60_000, 60_000, null)),
          new LatencyFigure("itl", "vllm:inter_token_latency_seconds", 2000, null, null, null)));

  /** The sample run against a server that kept no reference record, with these truths of its own. */
  private static Summary against(Summary.ServerLatency latency) {
    Summary s = SignOffPageTest.sample();
    List<Streaming> streaming = s.streaming().stream().map(j -> new Streaming(j.journey(), j.replies(),
        j.failedReplies(), j.ttft(), j.interChunk(), j.itl(), j.endToEnd(), j.outputTokensPerSecond(),
        j.goodputPerSecond(), j.outputTokens(), j.systemOutputTokensPerSecond(), j.tokenSource(), j.chunkGaps(), null,
        j.journey().equals("story") ? TIMINGS : null, null, null, 0, null)).toList();
    return new Summary(s.run(), s.passed(), s.reasons(), s.budgets(), s.rows(), streaming, s.audio(), s.baseline(),
        s.windows(), s.phases(), s.generator(), s.errors(), s.resources(), s.conversations(), latency);
  }

  @Test
  void theTimingsOfEachReplyAndTheServersHistogramsStandBesideTheClientsFigures() throws Exception {
    Summary summary = against(HISTOGRAMS);
    Document page = SignOffPageTest.parse(SignOffPage.render(summary));
    String section = SignOffPageTest.text(page, "//section[h2=\"" + SECTION + "\"]");
    assertFalse(section.contains(Tables.NO_TRUTH), "a server that gave its truth is not said to have given none");
    assertEquals(List.of("story", "llama.cpp timings in 9 of 10 replies", "40", "52", "21.5", "30", "20", "21", "0.4",
        "1.25"), SignOffPageTest.cells(page, SECTION, "story"));
    assertEquals(List.of("ttft", "server: vllm:time_to_first_token_seconds", "100", "87.5 (80-100)", "240 (200-250)",
        "> 60000 (60000-+Inf)"), SignOffPageTest.cells(page, SECTION, "ttft"));
    assertTrue(section.contains("client: chat-sse"), section);
    assertTrue(section.contains("From http://gpu:8000/metrics, differenced over the measured run."), section);
    String markdown = SignOffMarkdown.render(summary);
    assertTrue(markdown.contains("#### The server's timings"), markdown);
    assertTrue(markdown.contains("| story | llama.cpp timings in 9 of 10 replies | 40 | 52 | 21.5 | 30 | 20 | 21 |"
        + " 0.4 | 1.25 |"), markdown);
    assertTrue(markdown.contains("| ttft | server: vllm:time\\_to\\_first\\_token\\_seconds | 100 | 87.5 (80-100) |"),
        markdown);
    assertTrue(markdown.contains("| itl | server: vllm:inter\\_token\\_latency\\_seconds | 2000 | - | - | - |"),
        markdown);
  }

  @Test
  void aResetCounterIsOneLineAndNoTable() throws Exception {
    String reset = "not compared: vllm:e2e_request_latency_seconds went down between the measured run's start and"
        + " end (its counters were reset: a server restart?)";
    Summary summary = against(new Summary.ServerLatency("http://gpu:8000/metrics", reset, List.of()));
    Document page = SignOffPageTest.parse(SignOffPage.render(summary));
    assertTrue(SignOffPageTest.text(page, "//section[h2=\"" + SECTION + "\"]").contains(
        "Server histograms at http://gpu:8000/metrics: " + reset), "one line");
    assertEquals(1, SignOffPageTest.count(page, "//section[h2=\"" + SECTION + "\"]//table"), "the timings' only");
  }

  @Test
  void summaryJsonGainsFieldsAndKeepsTheOldOnes() throws Exception {
    JsonNode json = new ObjectMapper().readTree(new ObjectMapper().writeValueAsString(against(HISTOGRAMS)));
    JsonNode story = json.path("streaming").get(1);
    assertEquals("story", story.path("journey").asText());
    assertTrue(story.has("truth"), "the reference record's field keeps its name");
    assertEquals("llama.cpp timings in 9 of 10 replies", story.path("serverTimings").path("source").asText());
    assertEquals(21.5, story.path("serverTimings").path("ttftMinusPrompt").path("p50").asDouble());
    JsonNode ttft = json.path("serverLatency").path("figures").get(0);
    assertEquals(87.5, ttft.path("p50").path("ms").asDouble());
    assertEquals(80, ttft.path("p50").path("bucketFromMs").asDouble());
    assertTrue(ttft.path("p99").path("bucketToMs").isNull(), "+Inf is null in JSON");
  }
}
