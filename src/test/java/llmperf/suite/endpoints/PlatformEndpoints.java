package llmperf.suite.endpoints;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.jmesPath;
import static io.gatling.javaapi.core.CoreDsl.jsonPath;
import static io.gatling.javaapi.http.HttpDsl.headerRegex;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import java.util.Map;
import llmperf.client.StreamClient;
import llmperf.config.TargetConfig;
import llmperf.metrics.RowNames;

/** The chat platform's REST routes (RezNet, T3): login, agents, channels, messages, health. */
public final class PlatformEndpoints {

  private final TargetConfig target;

  /** The rows of a streamed reply besides the stream rows: t0 to its head, and its head to its end. */
  public static final String REPLY_HEADERS = RowNames.headers("reply");
  public static final String REPLY_BODY = RowNames.body("reply");

  public PlatformEndpoints(TargetConfig target) {
    this.target = target;
  }

  public HttpRequestActionBuilder health() {
    return http("health").get(target.path("health"))
        .check(status().is(200), headerRegex("Content-Type", "application/json.*").exists(), jmesPath("status").is("ok"));
  }

  /** Logs in the feeder's {@code username} with the configured password and keeps the JWT. */
  public HttpRequestActionBuilder login() {
    return http("login").post(target.path("login"))
        .body(StringBody(session -> JsonBody.of(Map.of(
            "username", session.getString("username"), "password", target.userPassword()))))
        .asJson()
        .check(status().is(200), jmesPath("access_token").notNull().saveAs(SessionKeys.TOKEN));
  }

  public HttpRequestActionBuilder listAgents() {
    return authorized(http("list agents").get(target.path("agents")))
        .check(status().is(200), jmesPath("agents[0].id").notNull().saveAs(SessionKeys.AGENT));
  }

  /** Lists channels and picks one at random for the conversation. */
  public HttpRequestActionBuilder listChannels() {
    return authorized(http("list channels").get(target.path("channels")))
        .check(status().is(200), jsonPath("$.channels[*].id").findRandom().saveAs(SessionKeys.CHANNEL));
  }

  /** Posts the feeder's {@code prompt} to the channel; the reply is generated asynchronously and streamed. */
  public HttpRequestActionBuilder sendMessage() {
    return authorized(http("send message").post(messagesPath()))
        .body(StringBody(session -> JsonBody.of(Map.of(
            "content", session.getString("prompt"),
            "agent_id", session.getString(SessionKeys.AGENT),
            "max_tokens", session.getInt("max_tokens")))))
        .asJson()
        .check(status().is(202), jmesPath("reply_id").notNull().saveAs(SessionKeys.REPLY));
  }

  /** The reply to the last message, streamed as SSE. */
  public StreamClient.Request replyStream(Session session) {
    String path = target.path("reply-stream")
        .replace("{channel}", session.getString(SessionKeys.CHANNEL))
        .replace("{reply}", session.getString(SessionKeys.REPLY));
    return StreamRequests.get(target, path, session.getString(SessionKeys.TOKEN));
  }

  public HttpRequestActionBuilder readMessages() {
    return authorized(http("read messages").get(messagesPath()).queryParam("limit", 20))
        .check(status().is(200), jmesPath("messages").notNull(), jmesPath("has_more").notNull());
  }

  public HttpRequestActionBuilder performanceStats() {
    return authorized(http("performance stats").get(target.path("performance-stats")))
        .check(status().is(200), jmesPath("active_streams").notNull(), jmesPath("queue_depth").notNull());
  }

  /** The messages path of the session's channel. */
  String messagesPath() {
    return target.path("messages").replace("{channel}", "#{" + SessionKeys.CHANNEL + "}");
  }

  static HttpRequestActionBuilder authorized(HttpRequestActionBuilder request) {
    return request.header("Authorization", "Bearer #{" + SessionKeys.TOKEN + "}");
  }
}
