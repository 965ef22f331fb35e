package llmperf.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The event-stream format however the body is cut into chunks: every line end, fields, comments, the bound. */
class SseParserTest {

  private static List<String> parse(String... chunks) throws SseParser.InvalidStream {
    SseParser parser = new SseParser();
    List<String> events = new ArrayList<>();
    for (String chunk : chunks) {
      parser.feed(Unpooled.wrappedBuffer(chunk.getBytes(StandardCharsets.UTF_8)), (name, data) -> events.add(name + "|" + data));
    }
    return events;
  }

  @Test
  void eventsWithEveryLineEnd() throws Exception {
    assertEquals(List.of("|a", "token|b", "|c"), parse("data: a\n\nevent: token\r\ndata: b\r\n\r\ndata:c\r\r"));
  }

  @Test
  void aCrlfCutBetweenTwoChunksIsOneLineEnd() throws Exception {
    assertEquals(List.of("|a", "|b"), parse("data: a\r", "\n\r", "\ndata: b\n", "\n"));
  }

  @Test
  void aLineCutAnywhereIsJoined() throws Exception {
    assertEquals(List.of("|{\"content\":\"héllo\"}"), parse("da", "ta: {\"cont", "ent\":\"h\u00e9", "llo\"}\n\n"));
  }

  @Test
  void aCharacterCutBetweenTwoChunksIsDecodedWhole() throws Exception {
    byte[] body = "data: h\u00e9\n\n".getBytes(StandardCharsets.UTF_8);
    SseParser parser = new SseParser();
    List<String> events = new ArrayList<>();
    parser.feed(Unpooled.wrappedBuffer(body, 0, 8), (name, data) -> events.add(data));
    parser.feed(Unpooled.wrappedBuffer(body, 8, body.length - 8), (name, data) -> events.add(data));
    assertEquals(List.of("h\u00e9"), events);
  }

  @Test
  void dataLinesJoinCommentsAndUnknownFieldsAreIgnored() throws Exception {
    assertEquals(List.of("|one\ntwo"), parse(": keep-alive\nid: 7\ndata: one\ndata: two\nretry: 10\n\n"));
    assertEquals(List.of(), parse("event: token\n\n"), "no data, no event");
  }

  @Test
  void anEventOverTheBoundIsAnError() {
    String big = "data: " + "x".repeat(SseParser.MAX_EVENT_BYTES) + "\n\n";
    assertThrows(SseParser.InvalidStream.class, () -> parse(big.substring(0, 1000), big.substring(1000)));
  }
}
