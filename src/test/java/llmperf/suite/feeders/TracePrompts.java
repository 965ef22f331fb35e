package llmperf.suite.feeders;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The prompts of a trace replay, synthesised from its hash ids: each id's block is a deterministic run of words of
 * exactly {@code blockTokens} x 4 characters (the reference server counts a token per 4 characters), so requests
 * sharing leading ids share their prompt's prefix, as the trace says, and a prompt is exactly its input_length in
 * that count.
 */
public final class TracePrompts {

  private static final String[] WORDS = {"river", "stone", "lantern", "meadow", "harbor", "signal", "orchard",
      "copper", "valley", "thunder", "garden", "window", "silver", "forest", "engine", "market", "paper", "winter",
      "bridge", "candle", "planet", "mirror", "shadow", "garnet", "falcon", "island", "pepper", "cobalt"};

  private TracePrompts() {}

  /**
   * A prompt of {@code inputLength} tokens: the blocks of {@code hashIds} in order, the last one cut to what is
   * left; past the ids (a trace with too few), text of its own from {@code uniqueSeed}, so it shares nothing.
   */
  public static String prompt(List<Long> hashIds, int inputLength, int blockTokens, long uniqueSeed) {
    int chars = inputLength * 4;
    int blockChars = blockTokens * 4;
    StringBuilder prompt = new StringBuilder(chars);
    for (int i = 0; prompt.length() < chars; i++) {
      String block = i < hashIds.size() ? block(hashIds.get(i), blockChars)
          : block(Long.MIN_VALUE + uniqueSeed * 1_000_003L + i, blockChars);
      prompt.append(block, 0, Math.min(block.length(), chars - prompt.length()));
    }
    return prompt.toString();
  }

  /** The text of one block: words drawn by the id, cut to exactly {@code blockChars} characters. */
  static String block(long hashId, int blockChars) {
    SplittableRandom random = new SplittableRandom(hashId);
    StringBuilder text = new StringBuilder(blockChars + 16);
    while (text.length() < blockChars) {
      text.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
    }
    text.setLength(blockChars);
    return text.toString();
  }
}
