package llmperf.suite.feeders;

import java.util.List;
import java.util.SplittableRandom;
import llmperf.data.CharsPerToken;
import llmperf.data.PromptTokens;

/**
 * The prompts of a trace replay, synthesised from its hash ids: each id's block is a deterministic run of words of
 * exactly {@code blockTokens} tokens' worth of characters, so requests sharing leading ids share their prompt's
 * prefix, as the trace says, and a prompt is its input_length in the target's count: characters per token as the run
 * counts prompt tokens ({@link #charsPerToken}: the reference server's rule, a calibrated ratio, or the tokenizer's
 * on these words).
 */
public final class TracePrompts {

  private static final String[] WORDS = {"river", "stone", "lantern", "meadow", "harbor", "signal", "orchard",
      "copper", "valley", "thunder", "garden", "window", "silver", "forest", "engine", "market", "paper", "winter",
      "bridge", "candle", "planet", "mirror", "shadow", "garnet", "falcon", "island", "pepper", "cobalt"};

  private static final int SAMPLE_CHARS = 64 * 1024;

  private TracePrompts() {}

  /**
   * A prompt of {@code inputLength} tokens: the blocks of {@code hashIds} in order, the last one cut to what is
   * left; past the ids (a trace with too few), text of its own from {@code uniqueSeed}, so it shares nothing.
   */
  public static String prompt(List<Long> hashIds, int inputLength, int blockTokens, long uniqueSeed,
      double charsPerToken) {
    int chars = (int) Math.round(inputLength * charsPerToken);
    int blockChars = (int) Math.round(blockTokens * charsPerToken);
    StringBuilder prompt = new StringBuilder(chars);
    for (int i = 0; prompt.length() < chars; i++) {
      String block = i < hashIds.size() ? block(hashIds.get(i), blockChars)
          : block(Long.MIN_VALUE + uniqueSeed * 1_000_003L + i, blockChars);
      prompt.append(block, 0, Math.min(block.length(), chars - prompt.length()));
    }
    return prompt.toString();
  }

  /** Characters per token of these prompts' words as {@code tokens} counts them, measured on a long sample. */
  public static double charsPerToken(PromptTokens tokens) {
    if (tokens instanceof CharsPerToken ratio) {
      return ratio.chars();
    }
    String sample = block(0, SAMPLE_CHARS);
    return (double) sample.length() / Math.max(1, tokens.count(sample, 0));
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
