package llmperf.server;

import static io.netty.handler.codec.http.HttpMethod.GET;

import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;

/**
 * GET /ws: checks the JWT (query parameter token or Authorization header) while still speaking HTTP, so a
 * bad token is a plain 401, then hands the connection over to the WebSocket chat.
 */
final class WebSocketRoutes {

  private final TargetState target;
  private final RouteMetrics.Counter turns;

  WebSocketRoutes(TargetState target) {
    this.target = target;
    this.turns = target.metrics.register("WS chat");
  }

  void register(Router router) {
    router.add(GET, "/ws", Router.Auth.NONE, Router.Timing.NONE, this::upgrade);
  }

  private void upgrade(Exchange ex) {
    String token = Router.bearer(ex.headers.get(HttpHeaderNames.AUTHORIZATION));
    if (token == null) {
      token = ex.query("token");
    }
    if (Router.jwtSubject(token).isEmpty()) {
      throw HttpError.unauthorized("missing, invalid or expired token");
    }
    if (!ex.headers.containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true)) {
      throw HttpError.badRequest("expected a WebSocket upgrade request");
    }
    WebSocketServerProtocolConfig config = WebSocketServerProtocolConfig.newBuilder()
        .websocketPath("/ws")
        .checkStartsWith(true) // the path carries ?token=...
        .maxFramePayloadLength(target.settings.maxBodyBytes())
        .build();
    ChannelPipeline pipeline = ex.ctx.pipeline();
    pipeline.addAfter(ex.ctx.name(), "ws-protocol", new WebSocketServerProtocolHandler(config));
    pipeline.addAfter("ws-protocol", "ws-aggregator",
        new WebSocketFrameAggregator(target.settings.maxBodyBytes()));
    pipeline.addAfter("ws-aggregator", "ws-chat", new WsChatHandler(target, turns));
    // The protocol handler answers the handshake (101) and swaps the HTTP codec for WebSocket frames;
    // the HTTP handler has nothing left to do on this connection.
    ex.ctx.fireChannelRead(ex.request.retain());
    pipeline.remove(ex.ctx.handler());
  }
}
