package llmperf.server;

/**
 * Everything decided up front about one generation, from the request's seeded random: what it will say and
 * which faults hit it. Only the token pacing is left to run time, because it depends on how many other
 * streams are active.
 *
 * @param promptTokens prompt length in tokens (ceil(chars / 4))
 * @param maxTokens the request's limit, after defaulting and capping
 * @param tokens the words to emit, as indices into {@link Vocabulary}
 * @param prefillNanos time from getting a slot to the first token: prefill plus the ttftExtra fault
 * @param latencyMultiplier the fault's multiplier, frozen for this generation
 * @param stallAt index of the token delayed by a stall, or -1
 * @param stallNanos length of that stall
 * @param dropAfter number of tokens after which the connection is cut, or -1
 * @param truncateAfter number of tokens after which the stream ends cleanly without its terminal event, or -1
 */
record GenerationPlan(
    int promptTokens,
    int maxTokens,
    int[] tokens,
    long prefillNanos,
    double latencyMultiplier,
    int stallAt,
    long stallNanos,
    int dropAfter,
    int truncateAfter) {

  int completionTokens() {
    return tokens.length;
  }

  boolean hitLength() {
    return tokens.length == maxTokens;
  }

  String token(int index) {
    return Vocabulary.token(tokens[index]);
  }

  String text() {
    StringBuilder sb = new StringBuilder(tokens.length * 6);
    for (int i = 0; i < tokens.length; i++) {
      sb.append(token(i));
    }
    return sb.toString();
  }

  /** OpenAI's usage object, shared by every streaming format. */
  String usageJson() {
    return "{\"prompt_tokens\":" + promptTokens + ",\"completion_tokens\":" + tokens.length
        + ",\"total_tokens\":" + (promptTokens + tokens.length) + "}";
  }
}
