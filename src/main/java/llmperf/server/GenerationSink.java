package llmperf.server;

/**
 * Where a generation's events go: an SSE stream, a WebSocket or a buffered JSON reply. All calls happen on
 * the connection's event loop, in order, and exactly one of done/truncated/dropped/failed ends it.
 */
interface GenerationSink {

  /** The job got a slot; prefill starts now. */
  void started();

  void token(int index, String text);

  /** Every token was emitted: send the terminal event. */
  void done(GenerationPlan plan);

  /** Truncate fault: end the response or socket cleanly, without the terminal event. */
  void truncated();

  /** Drop fault: cut the connection abruptly. */
  void dropped();

  /** The target is shutting down mid-generation. */
  void failed(String reason);
}
