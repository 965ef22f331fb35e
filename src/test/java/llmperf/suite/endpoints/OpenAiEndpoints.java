package llmperf.suite.endpoints;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.jmesPath;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import llmperf.client.StreamClient;
import llmperf.config.TargetConfig;
import llmperf.metrics.RowNames;

/** OpenAI-compatible routes (Storytailor's story generation, HuleEdu's provider): vLLM, Ollama, LiteLLM, TGI speak them. */
public final class OpenAiEndpoints {

  private final TargetConfig target;

  /** The rows of a streamed completion besides the stream rows: t0 to its head, and its head to its end. */
  public static final String STORY_HEADERS = RowNames.headers("story");
  public static final String STORY_BODY = RowNames.body("story");
  /** The system message of every story completion; the server counts it in the prompt it prefills. */
  public static final String STORY_SYSTEM_PROMPT = "You are a children's story writer.";

  /** The rows of a conversation turn besides the stream rows. */
  public static final String CONVERSATION_HEADERS = RowNames.headers("conversation");
  public static final String CONVERSATION_BODY = RowNames.body("conversation");
  /** The system message every conversation starts with. */
  public static final String CONVERSATION_SYSTEM_PROMPT = "You are a helpful assistant. Answer in plain words.";
  /** Where a conversation keeps its user and assistant messages so far, to send whole with the next turn. */
  public static final String HISTORY = "llmperf.conversation.history";
  /** Where a turn's reply text lands, until {@link #rememberTurn} adds it to the history. */
  public static final String REPLY = "llmperf.conversation.reply";

  public OpenAiEndpoints(TargetConfig target) {
    this.target = target;
  }

  public HttpRequestActionBuilder models() {
    return withApiKey(http("list models").get(target.path("models")))
        .check(status().is(200), jmesPath("object").is("list"), jmesPath("data[0].id").notNull());
  }

  /** A non-streaming completion of the feeder's {@code prompt} with its per-row {@code max_tokens}. */
  public HttpRequestActionBuilder storyCompletion() {
    return withApiKey(http("story (non-streaming)").post(target.path("chat-completions")))
        .body(StringBody(session -> completionBody(session, false)))
        .asJson()
        .check(status().is(200),
            jmesPath("object").is("chat.completion"),
            jmesPath("choices[0].message.content").notNull(),
            jmesPath("choices[0].message.content").not(""),
            jmesPath("choices[0].finish_reason").in("stop", "length"),
            // usage is optional (a bare server may send none); when it is there it must count the tokens
            jmesPath("usage.completion_tokens || `1`").ofInt().gt(0));
  }

  /** A streamed completion (with usage) of the feeder's {@code prompt}. */
  public StreamClient.Request storyStream(Session session) {
    return StreamRequests.postJson(target, target.path("chat-completions"), target.apiKey(), storyStreamBody(session));
  }

  /** The body of a streamed completion (with usage) of the feeder's {@code prompt}, for any client to send. */
  public String storyStreamBody(Session session) {
    return completionBody(session, true);
  }

  /**
   * A turn of a conversation: the system message, every earlier user message and reply, then the feeder's
   * {@code prompt}, streamed with usage, as a chat client sends it.
   */
  public StreamClient.Request conversationTurn(Session session) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("model", target.model());
    body.put("messages", messages(session));
    body.put("max_tokens", session.getInt("max_tokens"));
    body.put("stream", true);
    body.put("stream_options", Map.of("include_usage", true));
    return StreamRequests.postJson(target, target.path("chat-completions"), target.apiKey(), JsonBody.of(body));
  }

  /** The characters of every message the next turn sends: what its prompt tokens are estimated from without usage. */
  public static long promptChars(Session session) {
    return messages(session).stream().mapToLong(message -> message.get("content").length()).sum();
  }

  /** Adds the turn's prompt and the reply it got to the history, for the next turn to send back. */
  public static Session rememberTurn(Session session) {
    List<Map<String, String>> history = new ArrayList<>(session.<List<Map<String, String>>>get(HISTORY));
    history.add(Map.of("role", "user", "content", session.getString("prompt")));
    history.add(Map.of("role", "assistant", "content", session.getString(REPLY)));
    return session.set(HISTORY, List.copyOf(history));
  }

  private static List<Map<String, String>> messages(Session session) {
    List<Map<String, String>> messages = new ArrayList<>();
    messages.add(Map.of("role", "system", "content", CONVERSATION_SYSTEM_PROMPT));
    messages.addAll(session.<List<Map<String, String>>>get(HISTORY));
    messages.add(Map.of("role", "user", "content", session.getString("prompt")));
    return messages;
  }

  private String completionBody(Session session, boolean stream) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("model", target.model());
    body.put("messages", List.of(
        Map.of("role", "system", "content", STORY_SYSTEM_PROMPT),
        Map.of("role", "user", "content", session.getString("prompt"))));
    body.put("max_tokens", session.getInt("max_tokens"));
    body.put("stream", stream);
    if (stream) {
      body.put("stream_options", Map.of("include_usage", true));
    }
    return JsonBody.of(body);
  }

  private HttpRequestActionBuilder withApiKey(HttpRequestActionBuilder request) {
    return request.header("Authorization", session -> "Bearer " + target.apiKey());
  }
}
