package llmperf.metrics;

import java.util.Arrays;

/**
 * Why a reply or a request failed, one class per cause a performance engineer tells apart. Every KO message of a
 * stream starts with its class's label ("http 429: Retry-After 1", "dropped: after 12 events"), so the sign-off
 * counts errors by class from simulation.log alone.
 */
public enum ErrorClass {
  /** The server answered with a status other than the expected one (429 and 503 are its way of shedding load). */
  HTTP_STATUS("http"),
  CONNECTION_REFUSED("connection refused"),
  CONNECT_TIMEOUT("connect timeout"),
  /** No response head, or no end of the reply, within the configured time. */
  REQUEST_TIMEOUT("request timeout"),
  /** The reply went silent mid-way for longer than target.timeouts.stream-idle. */
  STALLED("stalled"),
  /** The response ended cleanly but without the terminal event. */
  TRUNCATED("truncated"),
  /** The connection was cut before the terminal event. */
  DROPPED("dropped"),
  ERROR_EVENT("error event"),
  /** A terminal event with no content before it. */
  EMPTY_REPLY("empty reply"),
  /** What came back is not the protocol: not an event stream, an oversized event, more tokens than usage says. */
  INVALID_BODY("invalid body"),
  /** The client could not keep every frame (Gatling's WebSocket buffer filled up): a client limit, not the service's. */
  CLIENT_BUFFER("client buffer full");

  private final String label;

  ErrorClass(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /** A KO message of this class. For {@link #HTTP_STATUS} the detail starts with the status code. */
  public String message(String detail) {
    return this == HTTP_STATUS ? label + " " + detail : label + ": " + detail;
  }

  /** The class a KO message was written with, or null for a message of another origin (a Gatling check). */
  public static ErrorClass of(String message) {
    if (message == null) {
      return null;
    }
    return Arrays.stream(values())
        .filter(c -> c == HTTP_STATUS ? message.matches("http \\d{3}\\b.*") : message.startsWith(c.label + ":"))
        .findFirst().orElse(null);
  }
}
