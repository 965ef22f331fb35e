package llmperf.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.time.Duration;

/**
 * The error shape of every route but Anthropic's ({@link ErrorShape}), {"error":{"message","type","code"}}; it is
 * also what the OpenAI SDKs read (they look at error.message), so OpenAI's /v1 routes need nothing different.
 */
final class JsonErrors {

  static final String POOL_FULL_MESSAGE = "all generation slots are busy and the queue is full";

  private JsonErrors() {}

  static ObjectNode body(HttpResponseStatus status, String type, String message) {
    ObjectNode root = Json.object();
    ObjectNode error = root.putObject("error");
    error.put("message", message);
    error.put("type", type);
    error.put("code", status.code());
    return root;
  }

  static FullHttpResponse response(HttpResponseStatus status, String type, String message) {
    FullHttpResponse resp = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
        Unpooled.wrappedBuffer(Json.bytes(body(status, type, message))));
    resp.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
    return resp;
  }

  /** Retry-After carries whole seconds, rounded up so a client never comes back too early. */
  static long retryAfterSeconds(Duration retryAfter) {
    long millis = retryAfter.toMillis();
    return (millis + 999) / 1000;
  }
}
