package llmperf.server;

import java.util.Map;

/**
 * Which models reason before they answer, and for how long: a request naming one of {@link #models} gets
 * {@link #tokens} reasoning tokens, streamed at the generation's pace before the answer's.
 *
 * @param tokens reasoning tokens of every reasoning reply; they come on top of the answer's max_tokens, like a
 *     fixed thinking budget, so a reasoning reply's answer is as long as a plain one's
 * @param models model name to the chat completions delta field its reasoning streams in
 */
public record ReasoningSettings(int tokens, Map<String, Field> models) {

  /** The two field names servers stream reasoning in: llama.cpp, DeepSeek and older vLLM; vLLM 0.16+, OpenRouter. */
  public enum Field {
    REASONING_CONTENT("reasoning_content"),
    REASONING("reasoning");

    /** The settings' spelling and the JSON field's name at once. */
    public final String wireName;

    Field(String wireName) {
      this.wireName = wireName;
    }

    /** The field named {@code name}, or null when it is neither. */
    public static Field named(String name) {
      for (Field field : values()) {
        if (field.wireName.equals(name)) {
          return field;
        }
      }
      return null;
    }
  }

  public ReasoningSettings {
    models = Map.copyOf(models);
  }

  /** No model reasons. */
  public static ReasoningSettings none() {
    return new ReasoningSettings(0, Map.of());
  }

  /** The field a request for {@code model} streams reasoning in, or null when that model does not reason. */
  Field fieldFor(String model) {
    return tokens > 0 ? models.get(model) : null;
  }

  /** Reasoning tokens of a reply from {@code model}. */
  int tokensFor(String model) {
    return fieldFor(model) == null ? 0 : tokens;
  }
}
