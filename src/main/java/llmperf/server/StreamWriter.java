package llmperf.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.LastHttpContent;

/**
 * The body of one chunked response (SSE or audio), written from the connection's event loop. The
 * connection stays usable after {@link #end} when keep-alive; {@link #abort} is the deliberate cut.
 */
final class StreamWriter {

  private final Channel channel;
  private final boolean keepAlive;

  StreamWriter(Channel channel, boolean keepAlive) {
    this.channel = channel;
    this.keepAlive = keepAlive;
  }

  static String sseEvent(String event, String data) {
    return "event: " + event + "\ndata: " + data + "\n\n";
  }

  static String sseData(String data) {
    return "data: " + data + "\n\n";
  }

  void text(String chunk) {
    bytes(ByteBufUtil.writeUtf8(channel.alloc(), chunk));
  }

  void bytes(ByteBuf chunk) {
    channel.writeAndFlush(new DefaultHttpContent(chunk));
  }

  /** The proper end of the chunked body (the zero-length chunk). */
  void end() {
    ChannelFuture written = channel.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
    if (!keepAlive) {
      written.addListener(ChannelFutureListener.CLOSE);
    }
  }

  /** Closes the connection mid-body: no terminal event, no chunked terminator. */
  void abort() {
    channel.close();
  }
}
