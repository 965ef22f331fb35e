package llmperf.config;

import java.util.Arrays;
import java.util.List;

/**
 * The streaming API the OpenAI-compatible journeys (story, conversation) speak: its request body and its stream.
 * Chosen by {@code target.api}; each has its route in {@code target.paths}.
 */
public enum CompletionApi {
  /** OpenAI's chat completions: messages in, chat.completion.chunk events out. Every OpenAI-compatible server. */
  CHAT_COMPLETIONS("chat-completions", "chat-completions"),
  /** OpenAI's Responses API: instructions and input in, typed response.* events out. */
  RESPONSES("responses", "responses"),
  /** Anthropic's Messages API: system and messages in, content_block_delta events out; x-api-key auth. */
  MESSAGES("messages", "anthropic-messages"),
  /** The legacy completions API (vLLM's benchmark drives it): a prompt in, choices[].text chunks out. */
  COMPLETIONS("completions", "completions");

  /** The Messages API version every request names, as Anthropic's SDKs send it. */
  public static final String ANTHROPIC_VERSION = "2023-06-01";

  private final String setting;
  private final String pathName;

  CompletionApi(String setting, String pathName) {
    this.setting = setting;
    this.pathName = pathName;
  }

  /** Its name in target.api. */
  public String setting() {
    return setting;
  }

  /** The name of its route in target.paths. */
  public String pathName() {
    return pathName;
  }

  public static List<String> settings() {
    return Arrays.stream(values()).map(CompletionApi::setting).toList();
  }

  /** The API named {@code setting}; the caller has checked it is one of {@link #settings()}. */
  public static CompletionApi of(String setting) {
    return Arrays.stream(values()).filter(api -> api.setting.equals(setting)).findFirst().orElseThrow();
  }
}
