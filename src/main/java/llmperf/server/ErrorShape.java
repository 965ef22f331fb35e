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
 * How a route spells its errors: every route but Anthropic's in {@link JsonErrors}' shape, Anthropic's Messages
 * API in its own, {"type":"error","error":{"type","message"}}, which its SDK reads.
 */
enum ErrorShape {
  OPENAI,
  ANTHROPIC;

  /** Anthropic's "overloaded" status: what it answers when it cannot take the request now. */
  static final HttpResponseStatus OVERLOADED = HttpResponseStatus.valueOf(529, "Overloaded");

  FullHttpResponse response(HttpResponseStatus status, String type, String message) {
    if (this == OPENAI) {
      return JsonErrors.response(status, type, message);
    }
    FullHttpResponse resp = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
        Unpooled.wrappedBuffer(Json.bytes(anthropicBody(anthropicType(status, type), message))));
    resp.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
    return resp;
  }

  FullHttpResponse response(HttpError e) {
    return response(e.status, e.type, e.getMessage());
  }

  /** Generation slots and queue are full: 429 with the configured Retry-After, in either shape. */
  FullHttpResponse poolFull(Duration retryAfter) {
    FullHttpResponse resp = response(HttpResponseStatus.TOO_MANY_REQUESTS, "rate_limit_error",
        JsonErrors.POOL_FULL_MESSAGE);
    resp.headers().set(HttpHeaderNames.RETRY_AFTER, JsonErrors.retryAfterSeconds(retryAfter));
    return resp;
  }

  static ObjectNode anthropicBody(String type, String message) {
    ObjectNode root = Json.object();
    root.put("type", "error");
    root.putObject("error").put("type", type).put("message", message);
    return root;
  }

  /** The shared types (invalid_request_error, authentication_error ...) are Anthropic's too; server errors differ. */
  private static String anthropicType(HttpResponseStatus status, String type) {
    if (status.code() == OVERLOADED.code() || status.code() == 503) {
      return "overloaded_error";
    }
    return status.code() >= 500 ? "api_error" : type;
  }
}
