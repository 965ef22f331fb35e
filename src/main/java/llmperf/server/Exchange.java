package llmperf.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import llmperf.clock.MonotonicClock;

/**
 * One HTTP request and the ways to answer it. The body is copied out (headers are not reference counted),
 * so a route may answer later from a scheduled task.
 */
final class Exchange {

  static final String SERVICE_HEADER = "x-llmperf-service-ms";

  final TargetState target;
  final ChannelHandlerContext ctx;
  final Channel channel;
  /** The request itself, only valid while the route runs (the WebSocket upgrade hands it on). */
  final FullHttpRequest request;
  final HttpMethod method;
  final String path;
  final HttpHeaders headers;
  final boolean keepAlive;
  final long sequence;
  final SplittableRandom random;
  final Faults faults;
  /** What the server does with this request, when it carries an id; else null. */
  final ReplyTrace trace;
  private final Map<String, List<String>> query;
  private final byte[] body;
  private Map<String, String> pathParams = Map.of();
  private RouteMetrics.Counter counter;
  private ErrorShape errors = ErrorShape.OPENAI;
  private String user;
  private long delayNanos;

  Exchange(TargetState target, ChannelHandlerContext ctx, FullHttpRequest request) {
    long receivedAt = MonotonicClock.epochNanos();
    this.target = target;
    this.ctx = ctx;
    this.channel = ctx.channel();
    this.request = request;
    QueryStringDecoder uri = new QueryStringDecoder(request.uri());
    this.method = request.method();
    this.path = uri.path();
    this.query = uri.parameters();
    this.headers = request.headers();
    this.body = ByteBufUtil.getBytes(request.content());
    this.keepAlive = HttpUtil.isKeepAlive(request);
    this.sequence = target.nextSequence();
    this.random = target.random(sequence);
    this.faults = target.activeFaults();
    this.trace = target.traces.open(headers.get(EmbeddedTarget.REQUEST_ID_HEADER), receivedAt);
  }

  void matched(Map<String, String> params, RouteMetrics.Counter routeCounter, ErrorShape errorShape) {
    this.pathParams = params;
    this.counter = routeCounter;
    this.errors = errorShape;
    routeCounter.request();
  }

  /** How the matched route spells its errors. */
  ErrorShape errors() {
    return errors;
  }

  String pathParam(String name) {
    return pathParams.get(name);
  }

  /** First value of a query parameter, or null. */
  String query(String name) {
    List<String> values = query.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  ObjectNode jsonBody() {
    return Json.parseObject(body);
  }

  void authenticatedAs(String subject) {
    this.user = subject;
  }

  /** The JWT subject on /api/v1 routes. */
  String user() {
    return user;
  }

  /** Holds every complete response of this exchange back by this service time. */
  void delay(long nanos) {
    this.delayNanos = nanos;
  }

  long delayNanos() {
    return delayNanos;
  }

  static String millis(long nanos) {
    return String.valueOf(nanos / 1e6);
  }

  void sendJson(HttpResponseStatus status, JsonNode json) {
    sendBody(status, HttpHeaderValues.APPLICATION_JSON, Json.bytes(json));
  }

  void sendText(HttpResponseStatus status, String contentType, String text) {
    sendBody(status, contentType, text.getBytes(StandardCharsets.UTF_8));
  }

  private void sendBody(HttpResponseStatus status, CharSequence contentType, byte[] body) {
    FullHttpResponse resp = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
    resp.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
    send(resp);
  }

  void sendError(HttpError e) {
    send(errors.response(e));
  }

  /**
   * Runs the plan into the sink on this connection; false, with the 429 already sent in the route's error shape,
   * when the generation pool is full.
   */
  boolean generate(GenerationPlan plan, GenerationSink sink) {
    if (new Generation(channel, target.pool, target.model, plan, sink, trace).admit()) {
      return true;
    }
    send(errors.poolFull(target.settings.retryAfter()));
    return false;
  }

  /** Sends a complete response once the service time has passed. */
  void send(FullHttpResponse resp) {
    if (delayNanos > 0) {
      resp.headers().set(SERVICE_HEADER, millis(delayNanos));
      channel.eventLoop().schedule(() -> write(resp), delayNanos, TimeUnit.NANOSECONDS);
    } else {
      write(resp);
    }
  }

  private void write(FullHttpResponse resp) {
    if (resp.status().code() != HttpResponseStatus.NO_CONTENT.code()) {
      // A 204 must carry no Content-Length at all.
      HttpUtil.setContentLength(resp, resp.content().readableBytes());
    }
    HttpUtil.setKeepAlive(resp, keepAlive);
    record(resp.status());
    ChannelFuture written = channel.writeAndFlush(resp);
    if (!keepAlive) {
      written.addListener(ChannelFutureListener.CLOSE);
    }
  }

  private void record(HttpResponseStatus status) {
    if (counter != null) {
      counter.status(status.code());
    }
  }

  /** Headers for a chunked 200; routes add their own before {@link #startStream}. */
  static HttpResponse streamHead(CharSequence contentType) {
    HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
    head.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
    HttpUtil.setTransferEncodingChunked(head, true);
    return head;
  }

  /**
   * Starts the server-sent event stream of an admitted generation: its headers carry the planned prefill, so
   * that a client can compare the TTFT it measures with the one the target planned.
   */
  StreamWriter startEventStream(GenerationPlan plan) {
    HttpResponse head = streamHead("text/event-stream");
    head.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-cache");
    head.headers().set(EmbeddedTarget.PREFILL_HEADER, millis(plan.prefillNanos()));
    return startStream(head);
  }

  /** Sends the headers of a chunked response at once and returns the writer for its body. */
  StreamWriter startStream(HttpResponse head) {
    HttpUtil.setKeepAlive(head, keepAlive);
    record(head.status());
    if (trace != null) {
      trace.headWritten();
    }
    channel.writeAndFlush(head);
    return new StreamWriter(channel, keepAlive);
  }
}
