package llmperf.metrics;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * The few fields of a stream event the measurement needs, read with Jackson's streaming parser in one pass over the
 * event, with no tree built: per event this is the client's hottest code. Fields it does not need are skipped.
 *
 * @param type the top-level "type" ("" when absent): the chat platform's WebSocket frame kind
 * @param hasContent a non-empty top-level "content", or a non-empty "content" of the first choice's "delta"
 * @param usageTokens "usage.completion_tokens", -1 when absent
 * @param error the top-level "error" ("error.message" when it is an object), null when absent
 * @param message the top-level "message", null when absent
 * @param code the top-level or error object's numeric "code" (an HTTP status a server puts in its error event), -1
 * @param json whether the event was a JSON object at all
 * @param timings the server's own "timings" of the reply (llama.cpp), null when absent
 */
record EventFields(String type, boolean hasContent, int usageTokens, String error, String message, int code,
    boolean json, ServerTimings timings) {

  private static final JsonFactory JSON = new JsonFactory();
  private static final EventFields NOT_JSON = new EventFields("", false, -1, null, null, -1, false, null);

  static EventFields of(String text) {
    try (JsonParser parser = JSON.createParser(text)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return NOT_JSON;
      }
      String type = "";
      boolean content = false;
      int usage = -1;
      String error = null;
      String message = null;
      int[] code = {-1};
      ServerTimings timings = null;
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        switch (field) {
          case "type" -> type = value == JsonToken.VALUE_STRING ? parser.getText() : type;
          case "content" -> content = value == JsonToken.VALUE_STRING && parser.getTextLength() > 0;
          case "message" -> message = value == JsonToken.VALUE_STRING ? parser.getText() : message;
          case "choices" -> content = firstDeltaHasContent(parser);
          case "usage" -> usage = completionTokens(parser);
          case "error" -> error = errorMessage(parser, code);
          case "code" -> code[0] = value == JsonToken.VALUE_NUMBER_INT ? parser.getIntValue() : code[0];
          case "timings" -> timings = ServerTimings.read(parser);
          default -> parser.skipChildren();
        }
      }
      return new EventFields(type, content, usage, error, message, code[0], true, timings);
    } catch (IOException notJson) {
      return NOT_JSON;
    }
  }

  /** At the value of "choices": whether choices[0].delta.content is non-empty; leaves the parser after the array. */
  private static boolean firstDeltaHasContent(JsonParser parser) throws IOException {
    if (parser.currentToken() != JsonToken.START_ARRAY) {
      parser.skipChildren();
      return false;
    }
    boolean content = false;
    if (parser.nextToken() == JsonToken.START_OBJECT) {
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        if (parser.nextToken() == JsonToken.START_OBJECT && field.equals("delta")) {
          content = objectHasContent(parser);
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
    return content;
  }

  private static boolean objectHasContent(JsonParser parser) throws IOException {
    boolean content = false;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      if (field.equals("content")) {
        content = value == JsonToken.VALUE_STRING && parser.getTextLength() > 0;
      } else {
        parser.skipChildren();
      }
    }
    return content;
  }

  private static int completionTokens(JsonParser parser) throws IOException {
    if (parser.currentToken() != JsonToken.START_OBJECT) {
      parser.skipChildren();
      return -1;
    }
    int tokens = -1;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      if (field.equals("completion_tokens") && value == JsonToken.VALUE_NUMBER_INT) {
        tokens = parser.getIntValue();
      } else {
        parser.skipChildren();
      }
    }
    return tokens;
  }

  /** At the value of "error": its message; an object's numeric "code" goes to {@code code[0]}. */
  private static String errorMessage(JsonParser parser, int[] code) throws IOException {
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
