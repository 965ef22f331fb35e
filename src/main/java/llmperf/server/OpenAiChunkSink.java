package llmperf.server;

import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * A stream of OpenAI chunks (chat completions or legacy completions): every chunk shares id, created and model, and
 * the stream ends the same way, a finish chunk, the usage chunk when asked for, then [DONE]; a failure is an error
 * event.
 */
abstract class OpenAiChunkSink extends EventStreamSink {

  /** The chunk's start up to its choices array: built once, the per-token work is concatenation. */
  final String head;
  /** ",\"usage\":null" in every chunk but the usage chunk when the request asked for usage, else "". */
  final String usageNull;

  OpenAiChunkSink(String id, String object, long created, String model, boolean includeUsage) {
    this.head = "{\"id\":\"" + id + "\",\"object\":\"" + object + "\",\"created\":" + created
        + ",\"model\":" + Json.quote(model) + ",\"system_fingerprint\":null,\"choices\":[";
    this.usageNull = includeUsage ? ",\"usage\":null" : "";
  }

  /** Writes {@code finishChunk}, then the usage chunk when asked for, then [DONE], and ends the stream. */
  void finish(String finishChunk, GenerationPlan plan) {
    out.text(StreamWriter.sseData(finishChunk));
    if (!usageNull.isEmpty()) {
      out.text(StreamWriter.sseData(head + "],\"usage\":" + plan.usageJson() + "}"));
    }
    out.text(StreamWriter.sseData("[DONE]"));
    out.end();
  }

  @Override
  public void failed(String reason) {
    out.text(StreamWriter.sseData(Json.string(JsonErrors.body(
        HttpResponseStatus.SERVICE_UNAVAILABLE, "server_error", reason))));
    out.end();
  }
}
