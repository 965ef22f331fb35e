package llmperf.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import llmperf.config.PromptSettings;

/**
 * A JSONL dataset of conversations ({@code prompts.source = dataset}), read and checked whole before any load: one
 * conversation a line, in the ShareGPT shape ({@code conversations: [{from: human|gpt|system, value}]}) or the OpenAI
 * one ({@code messages: [{role: user|assistant|system, content}]}), told apart line by line. A bad line, or an empty or
 * missing file, is a {@link DataError} naming the file, the line, the field, the value and what is allowed.
 *
 * @param conversations each with its user turns in order
 */
public record Dataset(String path, List<Conversation> conversations) {

  /**
   * A user turn: its text and the max_tokens it asks for, the length of the dataset's next reply by the reference
   * server's rule (ceil(characters / 4)), clamped to 1 and prompts.dataset.max-output-tokens (that limit when no
   * reply follows).
   */
  public record Turn(String prompt, int maxTokens) {}

  /** @param line its line in the file, from 1 */
  public record Conversation(int line, List<Turn> turns) {}

  /** The two shapes: the field holding the turns, and each turn's role and text fields and role names. */
  private record Shape(String field, String role, String text, String user, String assistant, String system) {}

  private static final Shape SHARE_GPT = new Shape("conversations", "from", "value", "human", "gpt", "system");
  private static final Shape OPENAI = new Shape("messages", "role", "content", "user", "assistant", "system");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Map<PromptSettings.Dataset, Dataset> READ = new ConcurrentHashMap<>();

  /** The dataset the settings name, read once: every later call gets the same conversations. */
  public static Dataset of(PromptSettings.Dataset settings) {
    return READ.computeIfAbsent(settings, Dataset::read);
  }

  private static Dataset read(PromptSettings.Dataset settings) {
    return parse(settings.path(), DataText.read(settings.path(), "a JSONL file of conversations",
        "prompts.dataset.path"), settings.maxOutputTokens());
  }

  /** The conversations of {@code text}, as if it were the file {@code path}'s content. */
  public static Dataset parse(String path, String text, int maxOutputTokens) {
    List<Conversation> conversations = new ArrayList<>();
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (!lines[i].isBlank()) {
        conversations.add(conversation(path, i + 1, lines[i], maxOutputTokens));
      }
    }
    if (conversations.isEmpty()) {
      throw new DataError(path + " is empty: expected one JSON conversation a line, {\"conversations\": [...]}"
          + " (ShareGPT) or {\"messages\": [...]} (OpenAI)");
    }
    return new Dataset(path, List.copyOf(conversations));
  }

  private static Conversation conversation(String path, int line, String text, int maxOutputTokens) {
    JsonNode node;
    try {
      node = JSON.readTree(text);
    } catch (IOException e) {
      node = null;
    }
    Shape shape = node == null || !node.isObject() ? null
        : node.has(SHARE_GPT.field()) ? SHARE_GPT : node.has(OPENAI.field()) ? OPENAI : null;
    if (shape == null) {
      throw new DataError(path + " line " + line + " = " + abbreviated(text) + ": expected one JSON object with"
          + " conversations: [{from, value}] (ShareGPT) or messages: [{role, content}] (OpenAI)");
    }
    JsonNode turns = node.get(shape.field());
    if (!turns.isArray()) {
      throw bad(path, line, shape.field(), turns, "expected an array of turns");
    }
    List<String> roles = new ArrayList<>();
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < turns.size(); i++) {
      JsonNode turn = turns.get(i);
      String at = shape.field() + "[" + i + "]";
      String role = turn.path(shape.role()).asText(null);
      if (!turn.path(shape.role()).isTextual()
          || !List.of(shape.user(), shape.assistant(), shape.system()).contains(role)) {
        throw bad(path, line, at + "." + shape.role(), turn.get(shape.role()),
            "expected " + shape.user() + ", " + shape.assistant() + " or " + shape.system());
      }
      JsonNode value = turn.get(shape.text());
      if (value == null || !value.isTextual() || role.equals(shape.user()) && value.asText().isBlank()) {
        throw bad(path, line, at + "." + shape.text(), value, "expected some text");
      }
      roles.add(role);
      texts.add(value.asText());
    }
    List<Turn> userTurns = new ArrayList<>();
    for (int i = 0; i < roles.size(); i++) {
      if (roles.get(i).equals(shape.user())) {
        int reply = roles.subList(i, roles.size()).indexOf(shape.assistant());
        int tokens = reply < 0 ? maxOutputTokens
            : Math.max(1, Math.min(maxOutputTokens, (texts.get(i + reply).length() + 3) / 4));
        userTurns.add(new Turn(texts.get(i), tokens));
      }
    }
    if (userTurns.isEmpty()) {
      throw new DataError(path + " line " + line + ": no " + shape.user() + " turn in " + shape.field()
          + ": expected at least one (the prompt)");
    }
    return new Conversation(line, List.copyOf(userTurns));
  }

  private static DataError bad(String path, int line, String field, JsonNode value, String expected) {
    return new DataError(path + " line " + line + ", field " + field + " = "
        + (value == null ? "(missing)" : abbreviated(value.toString())) + ": " + expected);
  }

  private static String abbreviated(String text) {
    return text.length() <= 60 ? text : text.substring(0, 60) + "...";
  }
}
