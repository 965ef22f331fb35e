package llmperf.client;

import io.netty.buffer.ByteBuf;
import io.netty.util.ByteProcessor;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads server-sent events from a response body as its chunks arrive (the WHATWG event-stream format: lines
 * ended by LF, CRLF or CR; {@code event:} and {@code data:} fields, several data lines joined by LF; a blank line
 * dispatches the event; comments and other fields are ignored). Bounded: an event larger than
 * {@link #MAX_EVENT_BYTES} is an error, not an ever-growing buffer.
 */
final class SseParser {

  /** Far above any chunk an LLM server sends; a larger event means the body is not what it claims to be. */
  static final int MAX_EVENT_BYTES = 1 << 20;

  /** Receives each complete event. */
  interface Events {
    void event(String name, String data);
  }

  /** The body broke the format; parsing stops. */
  static final class InvalidStream extends Exception {
    InvalidStream(String message) {
      super(message);
    }
  }

  private byte[] line = new byte[256];
  private int lineLength;
  private final StringBuilder data = new StringBuilder();
  private String eventName = "";
  private boolean hasData;
  private boolean afterCr;
  private int eventBytes;

  /**
   * Parses every byte of {@code chunk}, calling {@code events} for each event it completes. Line ends are found with
   * Netty's byte search and each line's bytes copied in one go: per byte work was the client's top frame.
   */
  void feed(ByteBuf chunk, Events events) throws InvalidStream {
    int at = chunk.readerIndex();
    int end = chunk.writerIndex();
    while (at < end) {
      if (afterCr) {
        afterCr = false;
        if (chunk.getByte(at) == '\n') {
          at++;
          continue;
        }
      }
      int lineEnd = chunk.forEachByte(at, end - at, ByteProcessor.FIND_CRLF);
      append(chunk, at, (lineEnd < 0 ? end : lineEnd) - at);
      if (lineEnd < 0) {
        return;
      }
      afterCr = chunk.getByte(lineEnd) == '\r';
      endOfLine(events);
      at = lineEnd + 1;
    }
  }

  private void append(ByteBuf chunk, int from, int length) throws InvalidStream {
    eventBytes += length;
    if (eventBytes > MAX_EVENT_BYTES) {
      throw new InvalidStream("an event over " + MAX_EVENT_BYTES + " bytes");
    }
    if (lineLength + length > line.length) {
      line = Arrays.copyOf(line, Math.max(line.length * 2, lineLength + length));
    }
    chunk.getBytes(from, line, lineLength, length);
    lineLength += length;
  }

  private void endOfLine(SseParser.Events events) {
    if (lineLength == 0) {
      if (hasData) {
        events.event(eventName, data.toString());
      }
      eventName = "";
      data.setLength(0);
      hasData = false;
      eventBytes = 0;
      return;
    }
    String text = new String(line, 0, lineLength, StandardCharsets.UTF_8);
    lineLength = 0;
    int colon = text.indexOf(':');
    if (colon == 0) {
      return;
    }
    String field = colon < 0 ? text : text.substring(0, colon);
    String value = colon < 0 ? "" : text.substring(text.startsWith(" ", colon + 1) ? colon + 2 : colon + 1);
    if (field.equals("event")) {
      eventName = value;
    } else if (field.equals("data")) {
      if (hasData) {
        data.append('\n');
      }
      data.append(value);
      hasData = true;
    }
  }
}
