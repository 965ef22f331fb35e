package llmperf.server;

/**
 * A generation streamed as server-sent events: the writer is set once the headers are out, and a truncated or
 * dropped generation ends the same way whatever the event format.
 */
abstract class EventStreamSink implements GenerationSink {

  /** Set by the route after admission; the sink is first called from a later event-loop task. */
  StreamWriter out;

  @Override
  public void truncated() {
    out.end();
  }

  @Override
  public void dropped() {
    out.abort();
  }
}
