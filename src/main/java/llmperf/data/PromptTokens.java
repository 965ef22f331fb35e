package llmperf.data;

import java.util.function.Supplier;

/**
 * How the suite counts a prompt's tokens, as near as it can to how the target counts them: with the target's own
 * tokenizer ({@link TokenizerFile}), or by characters per token ({@link CharsPerToken}: calibrated against the
 * target's usage, or the reference server's rule). Synthetic prompts are sized by it and dataset prompts counted by
 * it; the sign-off names it beside the tokens asked for.
 */
public interface PromptTokens {

  /** The feeder row key naming how its {@code prompt_tokens} were counted ({@link #countedBy()}). */
  String COUNTED_BY = "prompt_counted_by";

  /** The tokens of a request whose prompt is {@code text}, with {@code overheadChars} characters of its own around. */
  int count(String text, int overheadChars);

  /**
   * The prompt of a request of {@code tokens} tokens that adds {@code overheadChars} characters around it: the words
   * {@code prefix} gives for its first {@code prefixTokens} tokens (0: none), then the words {@code rest} gives.
   */
  String text(Supplier<String> prefix, int prefixTokens, Supplier<String> rest, int tokens, int overheadChars);

  /** How it counts, in a few words, for the sign-off and the console. */
  String countedBy();
}
