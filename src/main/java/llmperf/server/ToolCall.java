package llmperf.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.Function;

/**
 * The call a reply makes when its request offers tools: to the first tool, with one string argument holding the
 * answer's words, so that the argument pieces, one per answer token, join into valid JSON:
 * {@code {"query":"the of and"}}.
 */
final class ToolCall {

  static final String ARGUMENT = "query";

  private ToolCall() {}

  /** The piece of the arguments carried by the answer's token at {@code index}; vocabulary words need no escaping. */
  static String piece(GenerationPlan plan, int index, String token) {
    String piece = index == 0 ? "{\"" + ARGUMENT + "\":\"" + token.substring(1) : token;
    return index == plan.answerTokens() - 1 ? piece + "\"}" : piece;
  }

  /** The whole arguments, as the pieces join. */
  static String arguments(GenerationPlan plan) {
    return "{\"" + ARGUMENT + "\":\"" + plan.text().substring(1) + "\"}";
  }

  /**
   * The name of the tool a reply calls: the first of {@code tools}, read with {@code nameOf}; null when there is
   * none or {@code choiceNone} (the request's tool_choice forbids calling one).
   */
  static String choose(JsonNode tools, boolean choiceNone, Function<JsonNode, JsonNode> nameOf) {
    if (tools == null || tools.isNull()) {
      return null;
    }
    if (!tools.isArray()) {
      throw HttpError.badRequest("'tools' must be an array");
    }
    if (tools.isEmpty() || choiceNone) {
      return null;
    }
    JsonNode name = nameOf.apply(tools.get(0));
    if (name == null || !name.isTextual() || name.textValue().isBlank()) {
      throw HttpError.badRequest("the first of 'tools' needs a non-empty string name");
    }
    return name.textValue();
  }
}
