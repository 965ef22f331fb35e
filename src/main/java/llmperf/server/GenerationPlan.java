package llmperf.server;

/**
 * Everything decided up front about one generation, from the request's seeded random: what it will say and
 * which faults hit it. Only the token pacing is left to run time, because it depends on how many other
 * streams are active.
 *
 * @param promptTokens prompt length in tokens (ceil(chars / generation.chars-per-token))
 * @param cachedTokens the prompt's leading tokens found in the prefix cache, whose prefill was skipped
 * @param maxTokens the request's limit, after defaulting and capping
 * @param tokens the words to emit, as indices into {@link Vocabulary}: the reasoning's, then the answer's
 * @param reasoningTokens how many of {@code tokens} are reasoning (0 for a model that does not reason)
 * @param prefillNanos time from getting a slot to the first token: prefill plus the ttftExtra fault
 * @param latencyMultiplier the fault's multiplier, frozen for this generation
 * @param stallAt index of the token delayed by a stall, or -1
 * @param stallNanos length of that stall
 * @param dropAfter number of tokens after which the connection is cut, or -1
 * @param truncateAfter number of tokens after which the stream ends cleanly without its terminal event, or -1
 */
record GenerationPlan(
    int promptTokens,
    int cachedTokens,
    int maxTokens,
    int[] tokens,
    int reasoningTokens,
    long prefillNanos,
    double latencyMultiplier,
    int stallAt,
    long stallNanos,
    int dropAfter,
    int truncateAfter) {

  /** Every generated token, reasoning included, as usage counts them. */
  int completionTokens() {
    return tokens.length;
  }

  int answerTokens() {
    return tokens.length - reasoningTokens;
  }

  /** max_tokens bounds the answer; the reasoning comes on top (see {@link ReasoningSettings}). */
  boolean hitLength() {
    return answerTokens() == maxTokens;
  }

  /** The token at {@code index} of the whole generation, reasoning first. */
  String token(int index) {
    return Vocabulary.token(tokens[index]);
  }

  /** The answer's text. */
  String text() {
    return join(reasoningTokens, tokens.length);
  }

  String reasoningText() {
    return join(0, reasoningTokens);
  }

  private String join(int from, int to) {
    StringBuilder sb = new StringBuilder((to - from) * 6);
    for (int i = from; i < to; i++) {
      sb.append(token(i));
    }
    return sb.toString();
  }

  /**
   * OpenAI's usage object, shared by every streaming format: the prefix cache's hits as OpenAI reports them, the
   * reasoning's share only when there is one.
   */
  String usageJson() {
    String details = reasoningTokens > 0
        ? ",\"completion_tokens_details\":{\"reasoning_tokens\":" + reasoningTokens + "}" : "";
    return "{\"prompt_tokens\":" + promptTokens + ",\"completion_tokens\":" + tokens.length
        + ",\"total_tokens\":" + (promptTokens + tokens.length)
        + ",\"prompt_tokens_details\":{\"cached_tokens\":" + cachedTokens + "}" + details + "}";
  }
}
