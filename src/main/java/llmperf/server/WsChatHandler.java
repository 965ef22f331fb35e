package llmperf.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.util.SplittableRandom;

/**
 * The WebSocket chat on one connection: each {"type":"chat"} frame is a turn answered by start, token... and
 * done frames. Turns run one at a time; each counts as a request for the seeded model and the faults.
 */
final class WsChatHandler extends SimpleChannelInboundHandler<WebSocketFrame> {

  private final TargetState target;
  private final RouteMetrics.Counter turns;
  private boolean busy;

  WsChatHandler(TargetState target, RouteMetrics.Counter turns) {
    this.target = target;
    this.turns = turns;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
    turns.request();
    long sequence = target.nextSequence();
    SplittableRandom random = target.random(sequence);
    Faults faults = target.activeFaults();
    String requestId = null;
    try {
      if (!(frame instanceof TextWebSocketFrame)) {
        throw HttpError.badRequest("only text frames are accepted");
      }
      ObjectNode message = Json.parseObject(ByteBufUtil.getBytes(frame.content()));
      requestId = Json.optionalText(message, "request_id");
      if (!"chat".equals(Json.optionalText(message, "type"))) {
        throw HttpError.badRequest("'type' must be \"chat\"");
      }
      String content = Json.requiredText(message, "content");
      String channelId = Json.optionalText(message, "channel_id");
      if (channelId != null && !target.chat.hasChannel(channelId)) {
        throw HttpError.notFound("unknown channel " + channelId);
      }
      int maxTokens = target.model.maxTokens(Json.optionalPositiveInt(message, "max_tokens", 0));
      if (busy) {
        throw new HttpError(HttpResponseStatus.CONFLICT, "conflict_error",
            "a chat is already running on this socket");
      }
      if (random.nextDouble() < faults.errorRate()) {
        throw new HttpError(HttpResponseStatus.INTERNAL_SERVER_ERROR, "server_error",
            "injected failure (errorRate fault)");
      }
      GenerationPlan plan = target.model.plan(random, faults, content.length(), maxTokens, true, 0,
          target.prefixCache.serve(content));
      WsSink sink = new WsSink(ctx.channel(), requestId, channelId);
      if (!new Generation(ctx.channel(), target.pool, target.model, plan, sink, null).admit()) {
        throw new HttpError(HttpResponseStatus.TOO_MANY_REQUESTS, "rate_limit_error",
            JsonErrors.POOL_FULL_MESSAGE);
      }
      busy = true;
      if (channelId != null) {
        target.chat.append(channelId, "user", content);
      }
      ObjectNode start = Json.object().put("type", "start").put("request_id", requestId);
      ctx.writeAndFlush(new TextWebSocketFrame(Json.string(start)));
    } catch (HttpError e) {
      turns.status(e.status.code());
      ctx.writeAndFlush(new TextWebSocketFrame(errorFrame(requestId, e.status.code(), e.getMessage())));
    }
  }

  private String errorFrame(String requestId, int code, String message) {
    ObjectNode error = Json.object()
        .put("type", "error")
        .put("request_id", requestId)
        .put("code", code)
        .put("message", message);
    if (code == HttpResponseStatus.TOO_MANY_REQUESTS.code()) {
      error.put("retry_after", JsonErrors.retryAfterSeconds(target.settings.retryAfter()));
    }
    return Json.string(error);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    // I/O errors and protocol violations end the socket; a running generation is released on close.
    ctx.close();
  }

  /** Frames of one turn. */
  private final class WsSink implements GenerationSink {
    private final Channel channel;
    private final String requestId;
    private final String channelId;
    private final String tokenPrefix;

    WsSink(Channel channel, String requestId, String channelId) {
      this.channel = channel;
      this.requestId = requestId;
      this.channelId = channelId;
      this.tokenPrefix = "{\"type\":\"token\",\"request_id\":" + Json.quote(requestId)
          + ",\"content\":\"";
    }

    @Override
    public void started() {
      // The start frame went out on admission.
    }

    @Override
    public void token(int index, String text) {
      // Vocabulary words need no JSON escaping.
      channel.writeAndFlush(new TextWebSocketFrame(tokenPrefix + text + "\",\"index\":" + index + "}"));
    }

    @Override
    public void done(GenerationPlan plan) {
      busy = false;
      channel.writeAndFlush(new TextWebSocketFrame("{\"type\":\"done\",\"request_id\":"
          + Json.quote(requestId) + ",\"usage\":" + plan.usageJson() + "}"));
      if (channelId != null) {
        target.chat.append(channelId, "assistant", plan.text().substring(1));
      }
    }

    @Override
    public void truncated() {
      busy = false;
      channel.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.NORMAL_CLOSURE))
          .addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void dropped() {
      channel.close();
    }

    @Override
    public void failed(String reason) {
      busy = false;
      channel.writeAndFlush(new TextWebSocketFrame(
          errorFrame(requestId, HttpResponseStatus.SERVICE_UNAVAILABLE.code(), reason)));
    }
  }
}
