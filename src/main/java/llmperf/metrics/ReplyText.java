package llmperf.metrics;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * The answer text of one streamed reply and the prompt tokens its usage reports, for a client that sends the reply
 * back in the next turn of a conversation, as real chat clients do. Reads every API's events: a chat chunk's
 * {@code choices[0].delta.content} or a legacy chunk's {@code choices[0].text} with {@code usage.prompt_tokens}; a
 * Responses {@code response.output_text.delta} with {@code response.usage.input_tokens}; an Anthropic
 * {@code text_delta} with {@code message.usage.input_tokens}. Reasoning is not part of the answer. In a pass of its
 * own: only conversation replies pay for it, the measurement's own reading stays as lean as it is.
 */
public final class ReplyText {

  /** Far above any reply the prompts ask for: a runaway stream cannot grow the next prompt without bound. */
  static final int MAX_CHARS = 1 << 20;
  private static final JsonFactory JSON = new JsonFactory();

  private final StringBuilder text = new StringBuilder();
  private int promptTokens = -1;

  /** Reads one event's data; anything that carries no answer text or prompt tokens is left alone. */
  public void read(String data) {
    try (JsonParser parser = JSON.createParser(data)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return;
      }
      String type = "";
      String delta = null;
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        switch (field) {
          case "type" -> type = value == JsonToken.VALUE_STRING ? parser.getText() : type;
          case "choices" -> firstChoice(parser);
          case "usage" -> promptTokens(parser, "prompt_tokens");
          case "delta" -> delta = value == JsonToken.VALUE_STRING ? parser.getText() : textDelta(parser);
          case "response", "message" -> nestedUsage(parser);
          default -> parser.skipChildren();
        }
      }
      if (delta != null && (type.equals("response.output_text.delta") || type.equals("content_block_delta"))) {
        append(delta);
      }
    } catch (IOException notJson) {
      // The measurement fails a reply whose events are not JSON; its text is then of no use.
    }
  }

  private void firstChoice(JsonParser parser) throws IOException {
    if (parser.currentToken() != JsonToken.START_ARRAY) {
      parser.skipChildren();
      return;
    }
    if (parser.nextToken() == JsonToken.START_OBJECT) {
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        if (field.equals("delta") && value == JsonToken.START_OBJECT) {
          String content = stringField(parser, "content");
          if (content != null) {
            append(content);
          }
        } else if (field.equals("text") && value == JsonToken.VALUE_STRING) {
          append(parser.getText());
        } else {
          parser.skipChildren();
        }
      }
    }
    while (parser.currentToken() != JsonToken.END_ARRAY && parser.nextToken() != JsonToken.END_ARRAY) {
      parser.skipChildren();
    }
  }

  /** At an Anthropic delta object: its text when it is a text_delta, else null. */
  private static String textDelta(JsonParser parser) throws IOException {
    if (parser.currentToken() != JsonToken.START_OBJECT) {
      parser.skipChildren();
      return null;
    }
    String type = null;
    String text = null;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      if (field.equals("type") && value == JsonToken.VALUE_STRING) {
        type = parser.getText();
      } else if (field.equals("text") && value == JsonToken.VALUE_STRING) {
        text = parser.getText();
      } else {
        parser.skipChildren();
      }
    }
    return "text_delta".equals(type) ? text : null;
  }

  /** At a Responses response or an Anthropic message: the input tokens of its usage. */
  private void nestedUsage(JsonParser parser) throws IOException {
    if (parser.currentToken() != JsonToken.START_OBJECT) {
      parser.skipChildren();
      return;
    }
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      parser.nextToken();
      if (field.equals("usage")) {
        promptTokens(parser, "input_tokens");
      } else {
        parser.skipChildren();
      }
    }
  }

  private void promptTokens(JsonParser parser, String name) throws IOException {
    if (parser.currentToken() != JsonToken.START_OBJECT) {
      parser.skipChildren();
      return;
    }
    int tokens = EventFields.intField(parser, name);
    promptTokens = tokens >= 0 ? tokens : promptTokens;
  }

  private static String stringField(JsonParser parser, String name) throws IOException {
    String found = null;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      if (field.equals(name) && value == JsonToken.VALUE_STRING) {
        found = parser.getText();
      } else {
        parser.skipChildren();
      }
    }
    return found;
  }

  private void append(String piece) {
    if (text.length() < MAX_CHARS) {
      text.append(piece, 0, Math.min(piece.length(), MAX_CHARS - text.length()));
    }
  }

  public String text() {
    return text.toString();
  }

  /** The prompt's tokens as the server's usage counted them, or -1 when it sent no usage. */
  public int promptTokens() {
    return promptTokens;
  }
}
