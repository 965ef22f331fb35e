package llmperf.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Every KO message, the suite's own or Gatling's, falls under one cause the sign-off counts. */
class ErrorClassTest {

  @Test
  void theSuitesOwnMessagesAreCountedByTheirClass() {
    assertEquals("http 429", ErrorClass.causeOf("http 429: Retry-After 1; {\"error\":\"busy\"}"));
    assertEquals("dropped", ErrorClass.causeOf("dropped: after 12 events"));
    assertEquals("stalled", ErrorClass.causeOf("stalled: no event for 10000 ms after 3 content events"));
  }

  @Test
  void gatlingsMessagesAreClassedToo() {
    assertEquals("http 429", ErrorClass.causeOf("status.find.in(200,201,202,203,204,205,206,207,208,209,304), found 429"));
    assertEquals("http 500", ErrorClass.causeOf("status.find.is(200), but actually found 500"));
    assertEquals("connection refused", ErrorClass.causeOf("j.n.ConnectException: Connection refused"));
    assertEquals("connect timeout",
        ErrorClass.causeOf("i.n.c.ConnectTimeoutException: connection timed out after 10000 ms: /10.0.0.1:80"));
    assertEquals("request timeout", ErrorClass.causeOf("Request timeout to 127.0.0.1/127.0.0.1:8080 after 60000 ms"));
    assertEquals("dropped", ErrorClass.causeOf("Client issued close order but WebSocket was already crashed"));
    assertEquals("invalid body", ErrorClass.causeOf("jsonPath($.token).find.exists, found nothing"));
  }

  @Test
  void whatNoClassExplainsIsOther() {
    assertEquals(ErrorClass.UNCLASSED, ErrorClass.causeOf("something unexpected"));
    assertEquals(ErrorClass.UNCLASSED, ErrorClass.causeOf(null));
  }

  @Test
  void onlyFastRejectionsAreGraceful() {
    assertEquals(true, ErrorClass.isRejection("http 429"));
    assertEquals(true, ErrorClass.isRejection("http 503"));
    assertEquals(false, ErrorClass.isRejection("http 500"));
    assertEquals(false, ErrorClass.isRejection("dropped"));
  }
}
