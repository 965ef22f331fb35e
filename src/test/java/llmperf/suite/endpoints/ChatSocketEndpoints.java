package llmperf.suite.endpoints;

import static io.gatling.javaapi.http.HttpDsl.ws;

import io.gatling.javaapi.core.ActionBuilder;
import io.gatling.javaapi.http.WsConnectActionBuilder;
import io.gatling.javaapi.http.WsSendTextActionBuilder;
import java.util.Map;
import java.util.UUID;
import llmperf.config.TargetConfig;

/** T3's WebSocket chat: one socket per conversation, a chat frame per turn, token frames back. */
public final class ChatSocketEndpoints {

  /** Name of the conversation's socket. */
  public static final String SOCKET = "chat socket";
  private final TargetConfig target;

  public ChatSocketEndpoints(TargetConfig target) {
    this.target = target;
  }

  public WsConnectActionBuilder connect() {
    return ws("connect socket", SOCKET).connect(target.path("websocket") + "?token=#{" + SessionKeys.TOKEN + "}");
  }

  /** A chat frame with the feeder's {@code prompt} and {@code max_tokens}, in the session's channel. */
  public WsSendTextActionBuilder sendChat() {
    return ws("send chat", SOCKET).sendText(session -> JsonBody.of(Map.of(
        "type", "chat",
        "request_id", UUID.randomUUID().toString(),
        "channel_id", session.getString(SessionKeys.CHANNEL),
        "content", session.getString("prompt"),
        "max_tokens", session.getInt("max_tokens"))));
  }

  public ActionBuilder close() {
    return ws("close socket", SOCKET).close();
  }
}
