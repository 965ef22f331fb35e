package llmperf.suitetest.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Supplier;
import llmperf.data.CharsPerToken;
import llmperf.data.PromptTokens;
import llmperf.suite.feeders.TracePrompts;
import org.junit.jupiter.api.Test;

/** Prompts from hash ids: the same ids give the same prefix, each block exactly its tokens in the run's count. */
class TracePromptsTest {

  @Test
  void sharedHashIdsShareThePrefixAndNothingMore() {
    String a = TracePrompts.prompt(List.of(1L, 2L, 3L), 40, 16, 1, 4);
    String b = TracePrompts.prompt(List.of(1L, 2L, 9L), 40, 16, 2, 4);
    assertEquals(160, a.length(), "40 tokens of 4 characters");
    assertEquals(a.substring(0, 128), b.substring(0, 128), "blocks 1 and 2: 2 x 16 tokens");
    assertNotEquals(a.substring(128), b.substring(128));
    assertEquals(a, TracePrompts.prompt(List.of(1L, 2L, 3L), 40, 16, 7, 4), "deterministic");
  }

  @Test
  void theLastBlockIsCutAndAMissingOneIsTheRequestsOwn() {
    String whole = TracePrompts.prompt(List.of(5L), 16, 16, 1, 4);
    assertEquals(whole.substring(0, 20), TracePrompts.prompt(List.of(5L), 5, 16, 1, 4), "5 tokens of block 5");
    String longer = TracePrompts.prompt(List.of(5L), 32, 16, 1, 4);
    assertEquals(128, longer.length());
    assertTrue(longer.startsWith(whole));
    assertNotEquals(longer.substring(64), TracePrompts.prompt(List.of(5L), 32, 16, 2, 4).substring(64),
        "past the ids each request's text is its own");
    assertTrue(whole.chars().allMatch(c -> c == ' ' || (c >= 'a' && c <= 'z')), "plain words: " + whole);
  }

  /** A target counting 3 characters a token gets blocks of 3 characters a token, so its blocks align with the trace's. */
  @Test
  void blocksAreSizedByTheRunsCountOfTokens() {
    String a = TracePrompts.prompt(List.of(1L, 2L), 32, 16, 1, TracePrompts.charsPerToken(CharsPerToken.rule(3)));
    String b = TracePrompts.prompt(List.of(1L, 9L), 32, 16, 2, 3);
    assertEquals(96, a.length());
    assertEquals(a.substring(0, 48), b.substring(0, 48), "block 1: 16 tokens of 3 characters");
    assertNotEquals(a.substring(48), b.substring(48));
    assertEquals(16, CharsPerToken.rule(3).count(a.substring(0, 48), 0), "the server's count of block 1");
  }

  /** A tokenizer's ratio is measured on the prompts' own words: one token a word here, so a word and its space. */
  @Test
  void aTokenizersRatioIsMeasuredOnThePromptsWords() {
    PromptTokens oneTokenAWord = new PromptTokens() {
      @Override
      public int count(String text, int overheadChars) {
        return text.isBlank() ? 0 : text.trim().split(" +").length;
      }

      @Override
      public String text(Supplier<String> prefix, int prefixTokens, Supplier<String> rest, int tokens,
          int overheadChars) {
        throw new UnsupportedOperationException();
      }

      @Override
      public String countedBy() {
        return "one token a word";
      }
    };
    double ratio = TracePrompts.charsPerToken(oneTokenAWord);
    assertTrue(ratio > 5 && ratio < 8, "words of 5 to 7 letters and a space: " + ratio);
  }
}
