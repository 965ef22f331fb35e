package llmperf.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.util.function.Consumer;

/**
 * A non-streamed reply of any API: one JSON object, written by the route's {@code body} once the last token is
 * generated; a failure answers 503 in the route's error shape.
 */
final class BufferedReply implements GenerationSink {

  private final Exchange ex;
  private final String prefillMillis;
  private final Consumer<ObjectNode> body;

  BufferedReply(Exchange ex, GenerationPlan plan, Consumer<ObjectNode> body) {
    this.ex = ex;
    this.prefillMillis = Exchange.millis(plan.prefillNanos());
    this.body = body;
  }

  @Override
  public void started() {
    // Nothing is sent before the whole reply is ready.
  }

  @Override
  public void reasoning(int index, String text) {
    // The plan holds the text; it is read once at the end.
  }

  @Override
  public void token(int index, String text) {
    // As reasoning.
  }

  @Override
  public void done(GenerationPlan plan) {
    ObjectNode json = Json.object();
    body.accept(json);
    FullHttpResponse resp = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
        Unpooled.wrappedBuffer(Json.bytes(json)));
    resp.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
    resp.headers().set(EmbeddedTarget.PREFILL_HEADER, prefillMillis);
    ex.send(resp);
  }

  @Override
  public void truncated() {
    throw new IllegalStateException("non-streamed plans are never truncated");
  }

  @Override
  public void dropped() {
    ex.channel.close();
  }

  @Override
  public void failed(String reason) {
    ex.send(ex.errors().response(HttpResponseStatus.SERVICE_UNAVAILABLE, "server_error", reason));
  }
}
