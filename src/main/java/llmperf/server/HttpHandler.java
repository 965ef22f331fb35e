package llmperf.server;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;

/** The last handler of every HTTP connection: turns each aggregated request into an {@link Exchange}. */
final class HttpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

  private final TargetState target;
  private final Router router;

  HttpHandler(TargetState target, Router router) {
    this.target = target;
    this.router = router;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
    if (!request.decoderResult().isSuccess()) {
      // The codec could not parse the request; the connection's framing is unreliable now, so close it.
      FullHttpResponse resp = JsonErrors.response(HttpResponseStatus.BAD_REQUEST,
          "invalid_request_error", "malformed HTTP request");
      HttpUtil.setContentLength(resp, resp.content().readableBytes());
      HttpUtil.setKeepAlive(resp, false);
      ctx.writeAndFlush(resp).addListener(ChannelFutureListener.CLOSE);
      return;
    }
    router.dispatch(new Exchange(target, ctx, request));
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    // I/O errors (mostly clients resetting connections) end the connection; there is nobody to answer.
    ctx.close();
  }
}
