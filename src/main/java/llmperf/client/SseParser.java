package llmperf.client;

import io.netty.buffer.ByteBuf;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

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

  private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);
  private final StringBuilder data = new StringBuilder();
  private String eventName = "";
  private boolean hasData;
  private boolean afterCr;
  private int eventBytes;

  /** Parses every byte of {@code chunk}, calling {@code events} for each event it completes. */
  void feed(ByteBuf chunk, Events events) throws InvalidStream {
    for (int i = chunk.readerIndex(), end = chunk.writerIndex(); i < end; i++) {
      byte b = chunk.getByte(i);
      if (afterCr && b == '\n') {
        afterCr = false;
        continue;
      }
      afterCr = b == '\r';
      if (b == '\n' || b == '\r') {
        endOfLine(events);
      } else {
        if (++eventBytes > MAX_EVENT_BYTES) {
          throw new InvalidStream("an event over " + MAX_EVENT_BYTES + " bytes");
        }
        line.write(b);
      }
    }
  }

  private void endOfLine(SseParser.Events events) {
    if (line.size() == 0) {
      if (hasData) {
        events.event(eventName, data.toString());
      }
      eventName = "";
      data.setLength(0);
      hasData = false;
      eventBytes = 0;
      return;
    }
    String text = line.toString(StandardCharsets.UTF_8);
    line.reset();
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
