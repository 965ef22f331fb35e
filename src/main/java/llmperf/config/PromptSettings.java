package llmperf.config;

import java.util.Set;
import java.util.TreeSet;

/**
 * Where the OpenAI-compatible journeys' prompts come from ({@code prompts.*}): the shipped csv, synthetic prompts
 * sized in tokens (vLLM's "random" dataset, AIPerf's synthetic prompts), or a JSONL dataset of conversations (vLLM's
 * ShareGPT dataset).
 *
 * @param source {@link #CSV}, {@link #SYNTHETIC} or {@link #DATASET}
 * @param tokenizer the path of a local Hugging Face tokenizer.json that counts prompt tokens as the target does; ""
 *     for none
 */
public record PromptSettings(String source, Synthetic synthetic, Dataset dataset, String tokenizer) {

  public static final String CSV = "csv";
  public static final String SYNTHETIC = "synthetic";
  public static final String DATASET = "dataset";
  static final Set<String> SOURCES = new TreeSet<>(Set.of(CSV, SYNTHETIC, DATASET));

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

  /**
   * @param path a JSONL file of conversations (ShareGPT or OpenAI messages): a path, or a resource of the suite's test
   *     resources (data/datasets/...)
   * @param maxOutputTokens the most max_tokens a turn asks for, however long the dataset's reply
   */
  public record Dataset(String path, int maxOutputTokens) {}

  public boolean isSynthetic() {
    return source.equals(SYNTHETIC);
  }

  public boolean isDataset() {
    return source.equals(DATASET);
  }

  /** Whether the prompts sent carry a size in tokens that the sign-off holds against the server's usage. */
  public boolean countsTokens() {
    return isSynthetic() || isDataset();
  }

  static PromptSettings read(ConfigReader reader) {
    String at = "prompts.synthetic.";
    Lengths input = lengths(reader, at + "input-tokens", MIN_INPUT_TOKENS);
    Lengths output = lengths(reader, at + "output-tokens", 1);
    int prefix = (int) reader.integer(at + "shared-prefix-tokens", 0, input.min() - 1);
    return new PromptSettings(reader.oneOf("prompts.source", SOURCES),
        new Synthetic(input, output, prefix, (int) reader.integer(at + "prefix-groups", 1, 1_000_000),
            reader.bool(at + "ignore-eos")),
        new Dataset(reader.nonEmptyString("prompts.dataset.path",
            "expected the path of a JSONL file of conversations (ShareGPT or OpenAI messages)"),
            (int) reader.integer("prompts.dataset.max-output-tokens", 1, MAX_TOKENS)),
        reader.string("prompts.tokenizer").strip());
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
