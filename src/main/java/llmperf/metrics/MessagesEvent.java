package llmperf.metrics;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.Map;

/**
 * One event of the Anthropic Messages API's stream, read in one streaming pass. A content_block_delta carries a
 * text_delta (answer), thinking_delta (reasoning) or input_json_delta (a tool call's arguments: the tool_use block's
 * start naming the tool is no token, as on chat completions); message_delta carries the output tokens so far;
 * message_stop ends the reply; an error event fails it, with the HTTP status its error type stands for.
 */
final class MessagesEvent {

  private static final JsonFactory JSON = new JsonFactory();
  /** Anthropic's documented error types and the HTTP statuses they come with. */
  private static final Map<String, Integer> STATUS_BY_ERROR_TYPE = Map.of("invalid_request_error", 400,
      "authentication_error", 401, "permission_error", 403, "not_found_error", 404, "request_too_large", 413,
      "rate_limit_error", 429, "api_error", 500, "overloaded_error", 529);

  private MessagesEvent() {}

  static StreamFormat.Reading read(String text) {
    try (JsonParser parser = JSON.createParser(text)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return StreamFormat.Reading.OTHER;
      }
      String type = "";
      TokenKind token = null;
      int outputTokens = -1;
      String[] error = null;
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        switch (field) {
          case "type" -> type = value == JsonToken.VALUE_STRING ? parser.getText() : type;
          case "delta", "content_block" -> token = value == JsonToken.START_OBJECT ? blockToken(parser) : token;
          case "usage" -> outputTokens = value == JsonToken.START_OBJECT
              ? EventFields.intField(parser, "output_tokens") : outputTokens;
          case "error" -> error = value == JsonToken.START_OBJECT ? error(parser) : new String[] {"", "error event"};
          default -> parser.skipChildren();
        }
      }
      return meaning(type, token, outputTokens, error);
    } catch (IOException notJson) {
      return StreamFormat.Reading.OTHER;
    }
  }

  private static StreamFormat.Reading meaning(String type, TokenKind token, int outputTokens, String[] error) {
    return switch (type) {
      case "content_block_delta", "content_block_start" ->
          token != null ? StreamFormat.Reading.token(token, null) : StreamFormat.Reading.OTHER;
      case "message_delta" -> outputTokens >= 0
          ? StreamFormat.Reading.usage(StreamFormat.Kind.USAGE, new EventFields.Usage(outputTokens, -1))
          : StreamFormat.Reading.OTHER;
      case "message_stop" -> StreamFormat.Reading.TERMINAL;
      case "error" -> error == null ? StreamFormat.Reading.error("error event", -1)
          : StreamFormat.Reading.error(error[0].isEmpty() ? error[1] : error[0] + ": " + error[1],
              STATUS_BY_ERROR_TYPE.getOrDefault(error[0], -1));
      default -> StreamFormat.Reading.OTHER;
    };
  }

  /**
   * At a delta or a content block: the token it carries. Its "type" says which field holds the token, and may come
   * after it, so both are read before deciding.
   */
  private static TokenKind blockToken(JsonParser parser) throws IOException {
    String type = "";
    boolean text = false;
    boolean thinking = false;
    boolean json = false;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      parser.nextToken();
      switch (field) {
        case "type" -> type = parser.currentToken() == JsonToken.VALUE_STRING ? parser.getText() : type;
        case "text" -> text = EventFields.nonEmptyText(parser);
        case "thinking" -> thinking = EventFields.nonEmptyText(parser);
        case "partial_json" -> json = EventFields.nonEmptyText(parser);
        default -> { }
      }
      parser.skipChildren();
    }
    return switch (type) {
      case "text_delta", "text" -> text ? TokenKind.ANSWER : null;
      case "thinking_delta", "thinking" -> thinking ? TokenKind.REASONING : null;
      case "input_json_delta" -> json ? TokenKind.TOOL_CALL : null;
      default -> null;
    };
  }

  /** At an error object: its type and message. */
  private static String[] error(JsonParser parser) throws IOException {
    String type = "";
    String message = "error event";
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      if (field.equals("type") && value == JsonToken.VALUE_STRING) {
        type = parser.getText();
      } else if (field.equals("message") && value == JsonToken.VALUE_STRING) {
        message = parser.getText();
      } else {
        parser.skipChildren();
      }
    }
    return new String[] {type, message};
  }
}
