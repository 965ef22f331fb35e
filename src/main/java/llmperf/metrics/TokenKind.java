package llmperf.metrics;

/**
 * What kind of output token an event carries. A reasoning model streams its thinking before the answer; an agent's
 * answer may be a tool call instead of text. TTFT counts the first token of any kind (vLLM's and AIPerf's meaning),
 * the answer TTFT the first {@link #ANSWER} or {@link #TOOL_CALL} token.
 */
public enum TokenKind {
  /** delta.reasoning_content or delta.reasoning, a Responses reasoning delta, an Anthropic thinking_delta. */
  REASONING,
  /** Content, refusal text, legacy completions' text, a Responses output_text delta, an Anthropic text_delta. */
  ANSWER,
  /** A piece of a tool call's arguments (the event naming the function carries none of the call's tokens). */
  TOOL_CALL;

  /** Of two kinds in one event, the one that counts: an answer or tool-call token ends the reasoning. */
  static TokenKind stronger(TokenKind a, TokenKind b) {
    if (a == null) {
      return b;
    }
    return b == null || a.ordinal() >= b.ordinal() ? a : b;
  }
}
