package llmperf.data;

import java.util.Locale;
import java.util.function.Supplier;

/**
 * Prompt tokens as ceil(characters / {@code chars}): the reference server's rule (4, or its
 * embedded-target.generation.chars-per-token), or a ratio calibrated against the target's usage. A request's own
 * characters around its prompt (its system prompt) count like the prompt's.
 */
public record CharsPerToken(double chars, String countedBy) implements PromptTokens {

  /** OpenAI's rule of thumb, and the reference server's default. */
  public static final int RULE = 4;

  public CharsPerToken {
    if (!(chars > 0)) {
      throw new IllegalArgumentException("characters per token must be above 0: " + chars);
    }
  }

  /** The reference server's rule. */
  public static CharsPerToken rule(int chars) {
    return new CharsPerToken(chars, "the rule, ceil(characters / " + chars + ")");
  }

  /** A ratio measured from the target's usage. */
  public static CharsPerToken calibrated(double chars) {
    return new CharsPerToken(chars, String.format(Locale.ROOT, "%.2f characters a token, calibrated", chars));
  }

  @Override
  public int count(String text, int overheadChars) {
    return (int) Math.ceil((text.length() + overheadChars) / chars);
  }

  @Override
  public String text(Supplier<String> prefix, int prefixTokens, Supplier<String> rest, int tokens,
      int overheadChars) {
    int length = Math.max(1, (int) Math.round(tokens * chars) - overheadChars);
    StringBuilder text = new StringBuilder(length + 16);
    words(text, prefix, Math.min(length, (int) Math.round(prefixTokens * chars)));
    words(text, rest, length);
    return text.toString();
  }

  /** Appends words separated by spaces until {@code text} is exactly {@code length} characters. */
  private static void words(StringBuilder text, Supplier<String> words, int length) {
    while (text.length() < length) {
      if (text.length() > 0) {
        text.append(' ');
      }
      text.append(words.get());
    }
    text.setLength(length);
  }
}
