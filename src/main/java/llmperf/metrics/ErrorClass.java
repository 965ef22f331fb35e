package llmperf.metrics;

import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

  /** What a report calls errors no class explains. */
  public static final String UNCLASSED = "other";

  private static final Pattern OWN_STATUS = Pattern.compile("http (\\d{3})\\b.*");
  /** Gatling's status check: "status.find.in(200,...), found 429" or "status.find.is(200), but actually found 500". */
  private static final Pattern GATLING_STATUS = Pattern.compile("^status\\..*found (\\d{3})$");

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
        .filter(c -> c == HTTP_STATUS ? OWN_STATUS.matcher(message).matches() : message.startsWith(c.label + ":"))
        .findFirst().orElse(null);
  }

  /**
   * The class of any KO message: the suite's own, or Gatling's for REST calls and WebSocket steps (a failed
   * status check, a refused or timed-out connection, a closed socket, a check on the body); null when none fits.
   */
  public static ErrorClass ofAny(String message) {
    ErrorClass own = of(message);
    if (own != null || message == null) {
      return own;
    }
    String text = message.toLowerCase(Locale.ROOT);
    if (GATLING_STATUS.matcher(text).find()) {
      return HTTP_STATUS;
    } else if (text.contains("connection refused")) {
      return CONNECTION_REFUSED;
    } else if (text.contains("connecttimeoutexception") || text.contains("connection timed out")) {
      return CONNECT_TIMEOUT;
    } else if (text.contains("request timeout") || text.contains("requesttimeoutexception")) {
      return REQUEST_TIMEOUT;
    } else if (text.contains("premature close") || text.contains("connection reset") || text.contains("closed")
        || text.contains("crashed")) {
      return DROPPED;
    } else if (text.contains(".find") || text.contains("check")) {
      return INVALID_BODY;
    }
    return null;
  }

  /** How errors are counted by cause: the class's label, an http status with its code ("http 429"), or "other". */
  public static String causeOf(String message) {
    ErrorClass errorClass = ofAny(message);
    if (errorClass == null) {
      return UNCLASSED;
    } else if (errorClass != HTTP_STATUS) {
      return errorClass.label;
    }
    Matcher own = OWN_STATUS.matcher(message);
    Matcher gatling = GATLING_STATUS.matcher(message.toLowerCase(Locale.ROOT));
    return HTTP_STATUS.label + " " + (own.matches() ? own.group(1) : gatling.find() ? gatling.group(1) : "");
  }

  /** A fast rejection by a service shedding load (429, 503), which is how a service should fail under overload. */
  public static boolean isRejection(String cause) {
    return cause.equals("http 429") || cause.equals("http 503");
  }
}
