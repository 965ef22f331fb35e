package llmperf.suite.endpoints;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.jmesPath;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.CheckBuilder;
import io.gatling.javaapi.core.Session;
import io.gatling.javaapi.http.HttpRequestActionBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import llmperf.client.StreamClient;
import llmperf.config.CompletionApi;
import llmperf.config.TargetConfig;
import llmperf.metrics.RowNames;
import llmperf.metrics.StreamFormat;

/**
 * OpenAI-compatible routes (Storytailor's story generation, HuleEdu's provider): vLLM, Ollama, LiteLLM, TGI, SGLang,
 * llama.cpp speak them. The completions go to the API {@code target.api} names: chat completions, Responses,
 * Anthropic Messages or legacy completions.
 */
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

  /** The feeder attribute of synthetic prompts asking the server to ignore its end-of-sequence token. */
  public static final String IGNORE_EOS = "ignore_eos";

  public OpenAiEndpoints(TargetConfig target) {
    this.target = target;
  }

  public HttpRequestActionBuilder models() {
    return withApiKey(http("list models").get(target.path("models")))
        .check(status().is(200), jmesPath("object").is("list"), jmesPath("data[0].id").notNull());
  }

  /**
   * A non-streaming completion of the feeder's {@code prompt} with its per-row {@code max_tokens}, in the API the
   * target speaks; a reply of text or of a tool call is a good one.
   */
  public HttpRequestActionBuilder storyCompletion() {
    HttpRequestActionBuilder request = withApiKey(http("story (non-streaming)").post(target.apiPath()))
        .body(StringBody(session -> storyBody(session, false)))
        .asJson();
    return switch (target.api()) {
      case CHAT_COMPLETIONS -> request.check(status().is(200), jmesPath("object").is("chat.completion"),
          jmesPath("choices[0].message.content || choices[0].message.tool_calls[0].function.name").notNull(),
          jmesPath("choices[0].finish_reason").in("stop", "length", "tool_calls"), usage("usage.completion_tokens"));
      case RESPONSES -> request.check(status().is(200), jmesPath("object").is("response"),
          jmesPath("status").in("completed", "incomplete"), jmesPath("length(output)").ofInt().gt(0),
          usage("usage.output_tokens"));
      case MESSAGES -> request.check(status().is(200), jmesPath("type").is("message"),
          jmesPath("length(content)").ofInt().gt(0),
          jmesPath("stop_reason").in("end_turn", "max_tokens", "tool_use", "stop_sequence"),
          usage("usage.output_tokens"));
      case COMPLETIONS -> request.check(status().is(200), jmesPath("object").is("text_completion"),
          jmesPath("choices[0].text").notNull(), jmesPath("choices[0].finish_reason").in("stop", "length"),
          usage("usage.completion_tokens"));
    };
  }

  /** Usage is optional (a bare server may send none); when it is there it must count the tokens. */
  private static CheckBuilder.Final usage(String outputTokens) {
    return jmesPath(outputTokens + " || `1`").ofInt().gt(0);
  }

  /** How the replies of the API the target speaks are read. */
  public StreamFormat streamFormat() {
    return CompletionBodies.format(target.api());
  }

  /** A streamed completion (with usage) of the feeder's {@code prompt}. */
  public StreamClient.Request storyStream(Session session) {
    return StreamRequests.postCompletion(target, storyStreamBody(session));
  }

  /** The body of a streamed completion (with usage) of the feeder's {@code prompt}, for any client to send. */
  public String storyStreamBody(Session session) {
    return storyBody(session, true);
  }

  /**
   * A trace replay's streamed completion (with usage) of the feeder's {@code prompt}, with no system message: the
   * prompt is all the server prefills, so that its blocks are the trace's.
   */
  public StreamClient.Request replayStream(Session session) {
    return StreamRequests.postCompletion(target, CompletionBodies.body(target, null,
        List.of(Map.of("role", "user", "content", session.getString("prompt"))), session.getInt("max_tokens"), true,
        false));
  }

  /**
   * A turn of a conversation: the system message, every earlier user message and reply, then the feeder's
   * {@code prompt}, streamed with usage, as a chat client sends it.
   */
  public StreamClient.Request conversationTurn(Session session) {
    List<Map<String, String>> turns = new ArrayList<>(session.<List<Map<String, String>>>get(HISTORY));
    turns.add(Map.of("role", "user", "content", session.getString("prompt")));
    return StreamRequests.postCompletion(target, CompletionBodies.body(target, CONVERSATION_SYSTEM_PROMPT, turns,
        session.getInt("max_tokens"), true, ignoreEos(session)));
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

  private String storyBody(Session session, boolean stream) {
    return CompletionBodies.body(target, STORY_SYSTEM_PROMPT,
        List.of(Map.of("role", "user", "content", session.getString("prompt"))), session.getInt("max_tokens"), stream,
        ignoreEos(session));
  }

  /** Whether the drawn prompt asks for exactly max_tokens (synthetic prompts: prompts.synthetic.ignore-eos). */
  private static boolean ignoreEos(Session session) {
    return session.contains(IGNORE_EOS) && session.getBoolean(IGNORE_EOS);
  }

  /** The characters a story request adds to its prompt that the server counts: synthetic prompts leave room. */
  public int storyPromptOverheadChars() {
    return CompletionBodies.promptOverheadChars(target.api(), STORY_SYSTEM_PROMPT);
  }

  /** The key as the API takes it: a bearer token, or Anthropic's x-api-key with the API version. */
  private HttpRequestActionBuilder withApiKey(HttpRequestActionBuilder request) {
    if (target.api() == CompletionApi.MESSAGES) {
      return request.header("x-api-key", session -> target.apiKey())
          .header("anthropic-version", CompletionApi.ANTHROPIC_VERSION);
    }
    return request.header("Authorization", session -> "Bearer " + target.apiKey());
  }
}
