package llmperf.server;

/**
 * Where a generation's events go: an SSE stream, a WebSocket or a buffered JSON reply. All calls happen on
 * the connection's event loop, in order, and exactly one of done/truncated/dropped/failed ends it.
 */
interface GenerationSink {

  /** The job got a slot; prefill starts now. */
  void started();

  /** The answer's token at {@code index} (counted from the answer's first): content, or a tool call's piece. */
  void token(int index, String text);

  /**
   * The reasoning's token at {@code index}; every one comes before the answer's first. Only plans with reasoning
   * call it, and only the routes of the APIs that reason make such plans.
   */
  default void reasoning(int index, String text) {
    throw new UnsupportedOperationException("this API streams no reasoning");
  }

  /** Every token was emitted: send the terminal event. */
  void done(GenerationPlan plan);

  /** Truncate fault: end the response or socket cleanly, without the terminal event. */
  void truncated();

  /** Drop fault: cut the connection abruptly. */
  void dropped();

  /** The target is shutting down mid-generation. */
  void failed(String reason);
}
