package llmperf.signoff.render;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import llmperf.signoff.analysis.Summary;
import org.junit.jupiter.api.Test;

/** The sign-off says how often a request went again because the server closed a kept-alive connection under it. */
class ResendSentenceTest {

  private static final String SENTENCE = "120 requests (50.0 %) were re-sent after the server closed a kept-alive"
      + " connection";

  private static Summary withResends(long streamed, long resent) {
    Summary s = SignOffPageTest.sample();
    Summary.Run run = s.run();
    return new Summary(new Summary.Run(run.simulation(), run.scale(), run.target(), run.gitCommit(),
        run.startEpochMs(), run.endEpochMs(), run.gatlingReport(), run.warmUpRequests(), streamed, resent),
        s.passed(), s.reasons(), s.budgets(), s.rows(), s.streaming(), s.audio(), s.baseline(), s.windows(),
        s.phases(), s.generator(), s.errors(), s.resources(), s.conversations());
  }

  @Test
  void theMarkdownAndThePageSayHowManyRequestsWereResent() {
    Summary resent = withResends(240, 120);
    assertTrue(SignOffMarkdown.render(resent).contains(" · " + SENTENCE + " · Gatling report"),
        SignOffMarkdown.render(resent));
    assertTrue(SignOffPage.render(resent).contains("<dt>re-sent</dt><dd>" + SENTENCE + "</dd>"));
  }

  @Test
  void aRunThatResentNothingSaysNothingOfIt() {
    Summary none = withResends(240, 0);
    assertFalse(SignOffMarkdown.render(none).contains("re-sent"));
    assertFalse(SignOffPage.render(none).contains("re-sent"));
  }
}
