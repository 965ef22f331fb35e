package llmperf.suitetest.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import llmperf.suite.feeders.TracePrompts;
import org.junit.jupiter.api.Test;

/** Prompts from hash ids: the same ids give the same prefix, each block exactly its tokens at 4 characters each. */
class TracePromptsTest {

  @Test
  void sharedHashIdsShareThePrefixAndNothingMore() {
    String a = TracePrompts.prompt(List.of(1L, 2L, 3L), 40, 16, 1);
    String b = TracePrompts.prompt(List.of(1L, 2L, 9L), 40, 16, 2);
    assertEquals(160, a.length(), "40 tokens of 4 characters");
    assertEquals(a.substring(0, 128), b.substring(0, 128), "blocks 1 and 2: 2 x 16 tokens");
    assertNotEquals(a.substring(128), b.substring(128));
    assertEquals(a, TracePrompts.prompt(List.of(1L, 2L, 3L), 40, 16, 7), "deterministic");
  }

  @Test
  void theLastBlockIsCutAndAMissingOneIsTheRequestsOwn() {
    String whole = TracePrompts.prompt(List.of(5L), 16, 16, 1);
    assertEquals(whole.substring(0, 20), TracePrompts.prompt(List.of(5L), 5, 16, 1), "5 tokens of block 5");
    String longer = TracePrompts.prompt(List.of(5L), 32, 16, 1);
    assertEquals(128, longer.length());
    assertTrue(longer.startsWith(whole));
    assertNotEquals(longer.substring(64), TracePrompts.prompt(List.of(5L), 32, 16, 2).substring(64),
        "past the ids each request's text is its own");
    assertTrue(whole.chars().allMatch(c -> c == ' ' || (c >= 'a' && c <= 'z')), "plain words: " + whole);
  }
}
