package llmperf.metrics;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * The few fields of a chat completion chunk, a legacy completion chunk or a chat platform event the measurement
 * needs, read with Jackson's streaming parser in one pass over the event, with no tree built: per event this is the
 * client's hottest code. Fields it does not need are skipped.
 *
 * @param type the top-level "type" ("" when absent): the chat platform's WebSocket frame kind
 * @param token the kind of token the event carries, null when none: a non-empty top-level "content" (the chat
 *     platform), or in the first choice a non-empty delta content, refusal, reasoning_content or reasoning, a tool
 *     call's function name or arguments piece, or legacy completions' text
 * @param usage "usage.completion_tokens" and its "completion_tokens_details.reasoning_tokens", or null when absent
 * @param error the top-level "error" ("error.message" when it is an object), null when absent
 * @param message the top-level "message", null when absent
 * @param code the top-level or error object's numeric "code" (an HTTP status a server puts in its error event), -1
 * @param timings the server's own "timings" of the reply (llama.cpp), null when absent
 */
record EventFields(String type, TokenKind token, Usage usage, String error, String message, int code,
    ServerTimings timings) {

  /** Output tokens and the reasoning tokens among them as the server's usage reports them; -1 where not reported. */
  record Usage(int outputTokens, int reasoningTokens) {}

  private static final JsonFactory JSON = new JsonFactory();
  private static final EventFields NOT_JSON = new EventFields("", null, null, null, null, -1, null);

  static EventFields of(String text) {
    try (JsonParser parser = JSON.createParser(text)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return NOT_JSON;
      }
      String type = "";
      TokenKind token = null;
      Usage usage = null;
      String error = null;
      String message = null;
      int[] code = {-1};
      ServerTimings timings = null;
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        switch (field) {
          case "type" -> type = value == JsonToken.VALUE_STRING ? parser.getText() : type;
          case "content" -> token = textToken(parser, TokenKind.ANSWER, token);
          case "message" -> message = value == JsonToken.VALUE_STRING ? parser.getText() : message;
          case "choices" -> token = firstChoiceToken(parser);
          case "usage" -> usage = usage(parser);
          case "error" -> error = errorMessage(parser, code);
          case "code" -> code[0] = value == JsonToken.VALUE_NUMBER_INT ? parser.getIntValue() : code[0];
          case "timings" -> timings = ServerTimings.read(parser);
          default -> parser.skipChildren();
        }
      }
      return new EventFields(type, token, usage, error, message, code[0], timings);
    } catch (IOException notJson) {
      return NOT_JSON;
    }
  }

  static boolean nonEmptyText(JsonParser parser) throws IOException {
    return parser.currentToken() == JsonToken.VALUE_STRING && parser.getTextLength() > 0;
  }

  /** At a value: {@code kind} joined to {@code so far} when it is a non-empty string; anything else is skipped. */
  static TokenKind textToken(JsonParser parser, TokenKind kind, TokenKind soFar) throws IOException {
    if (nonEmptyText(parser)) {
      return TokenKind.stronger(soFar, kind);
    }
    parser.skipChildren();
    return soFar;
  }

  /** At the value of "choices": the token the first choice carries; leaves the parser after the array. */
  private static TokenKind firstChoiceToken(JsonParser parser) throws IOException {
    if (parser.currentToken() != JsonToken.START_ARRAY) {
      parser.skipChildren();
      return null;
    }
    TokenKind token = null;
    if (parser.nextToken() == JsonToken.START_OBJECT) {
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        if (field.equals("delta") && value == JsonToken.START_OBJECT) {
          token = TokenKind.stronger(token, deltaToken(parser));
        } else if (field.equals("text")) {
          token = textToken(parser, TokenKind.ANSWER, token);
        } else {
          parser.skipChildren();
        }
      }
    } else {
      parser.skipChildren();
    }
    while (parser.currentToken() != JsonToken.END_ARRAY && parser.nextToken() != JsonToken.END_ARRAY) {
      parser.skipChildren();
    }
    return token;
  }

  private static TokenKind deltaToken(JsonParser parser) throws IOException {
    TokenKind token = null;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      switch (field) {
        case "content", "refusal" -> token = textToken(parser, TokenKind.ANSWER, token);
        case "reasoning_content", "reasoning" -> token = textToken(parser, TokenKind.REASONING, token);
        case "tool_calls" -> token = value == JsonToken.START_ARRAY && toolCallPiece(parser)
            ? TokenKind.stronger(token, TokenKind.TOOL_CALL) : token;
        default -> parser.skipChildren();
      }
    }
    return token;
  }

  /**
   * At a "tool_calls" array: whether any call carries a non-empty piece of its arguments. The chunk naming the function
   * (arguments "") is not a token of its own: servers count the call's tokens in its arguments' pieces.
   */
  private static boolean toolCallPiece(JsonParser parser) throws IOException {
    boolean piece = false;
    while (parser.nextToken() == JsonToken.START_OBJECT) {
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        if (parser.nextToken() == JsonToken.START_OBJECT && field.equals("function")) {
          while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String part = parser.currentName();
            parser.nextToken();
            piece |= part.equals("arguments") && nonEmptyText(parser);
            parser.skipChildren();
          }
        } else {
          parser.skipChildren();
        }
      }
    }
    return piece;
  }

  /** At the value of "usage": completion tokens and the reasoning tokens among them (OpenAI's details object). */
  private static Usage usage(JsonParser parser) throws IOException {
    if (parser.currentToken() != JsonToken.START_OBJECT) {
      parser.skipChildren();
      return null;
    }
    int tokens = -1;
    int reasoning = -1;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      if (field.equals("completion_tokens") && value == JsonToken.VALUE_NUMBER_INT) {
        tokens = parser.getIntValue();
      } else if (field.equals("completion_tokens_details") && value == JsonToken.START_OBJECT) {
        reasoning = intField(parser, "reasoning_tokens");
      } else {
        parser.skipChildren();
      }
    }
    return tokens >= 0 ? new Usage(tokens, reasoning) : null;
  }

  /** At an object: its integer field {@code name}, -1 when absent; leaves the parser at the object's end. */
  static int intField(JsonParser parser, String name) throws IOException {
    int found = -1;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      if (field.equals(name) && value == JsonToken.VALUE_NUMBER_INT) {
        found = parser.getIntValue();
      } else {
        parser.skipChildren();
      }
    }
    return found;
  }

  /** At the value of "error": its message; an object's numeric "code" goes to {@code code[0]}. */
  static String errorMessage(JsonParser parser, int[] code) throws IOException {
    if (parser.currentToken() == JsonToken.VALUE_STRING) {
      return parser.getText();
    } else if (parser.currentToken() != JsonToken.START_OBJECT) {
      parser.skipChildren();
      return "error event";
    }
    String message = "error event";
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      if (field.equals("message") && value == JsonToken.VALUE_STRING) {
        message = parser.getText();
      } else if (field.equals("code") && value == JsonToken.VALUE_NUMBER_INT) {
        code[0] = parser.getIntValue();
      } else {
        parser.skipChildren();
      }
    }
    return message;
  }
}
