package llmperf.config;

import java.util.Set;
import java.util.TreeSet;

/**
 * Where the OpenAI-compatible journeys' prompts come from ({@code prompts.*}): the shipped csv, or synthetic prompts
 * sized in tokens (vLLM's "random" dataset, AIPerf's synthetic prompts).
 *
 * @param source {@link #CSV} or {@link #SYNTHETIC}
 */
public record PromptSettings(String source, Synthetic synthetic) {

  public static final String CSV = "csv";
  public static final String SYNTHETIC = "synthetic";
  static final Set<String> SOURCES = new TreeSet<>(Set.of(CSV, SYNTHETIC));

  /** The most tokens a synthetic prompt or reply may ask for: a large context window. */
  public static final int MAX_TOKENS = 131_072;
  /** Room for the system prompt and framing a request adds around a synthetic prompt (the story's is 9 tokens). */
  static final int MIN_INPUT_TOKENS = 32;

  /** A normal distribution of token counts, clamped to [min, max]. */
  public record Lengths(double mean, double stddev, int min, int max) {}

  /**
   * @param sharedPrefixTokens leading tokens every prompt of one prefix group shares (a system prompt a prefix cache
   *     keeps)
   * @param prefixGroups how many different prefixes there are; each request draws its group
   * @param ignoreEos ask the server to generate exactly max_tokens (chat-completions and completions APIs)
   */
  public record Synthetic(Lengths input, Lengths output, int sharedPrefixTokens, int prefixGroups,
      boolean ignoreEos) {}

  public boolean isSynthetic() {
    return source.equals(SYNTHETIC);
  }

  static PromptSettings read(ConfigReader reader) {
    String at = "prompts.synthetic.";
    Lengths input = lengths(reader, at + "input-tokens", MIN_INPUT_TOKENS);
    Lengths output = lengths(reader, at + "output-tokens", 1);
    int prefix = (int) reader.integer(at + "shared-prefix-tokens", 0, input.min() - 1);
    return new PromptSettings(reader.oneOf("prompts.source", SOURCES),
        new Synthetic(input, output, prefix, (int) reader.integer(at + "prefix-groups", 1, 1_000_000),
            reader.bool(at + "ignore-eos")));
  }

  private static Lengths lengths(ConfigReader reader, String key, int least) {
    int min = (int) reader.integer(key + ".min", least, MAX_TOKENS);
    int max = (int) reader.integer(key + ".max", min, MAX_TOKENS);
    double mean = reader.number(key + ".mean", min, max,
        "expected a number of tokens from " + key + ".min (" + min + ") to " + key + ".max (" + max + ")");
    double stddev = reader.number(key + ".stddev", 0, MAX_TOKENS, "expected a number of tokens of 0 or more");
    return new Lengths(mean, stddev, min, max);
  }
}
