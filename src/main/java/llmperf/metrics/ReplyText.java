package llmperf.metrics;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * The text of one streamed OpenAI reply and the prompt tokens its usage reports, for a client that sends the reply
 * back in the next turn of a conversation, as real chat clients do. Read from each chunk's
 * {@code choices[0].delta.content} and {@code usage.prompt_tokens}, in a pass of its own: only conversation replies
 * pay for it, the measurement's own reading ({@link EventFields}) stays as lean as it is.
 */
public final class ReplyText {

  /** Far above any reply the prompts ask for: a runaway stream cannot grow the next prompt without bound. */
  static final int MAX_CHARS = 1 << 20;
  private static final JsonFactory JSON = new JsonFactory();

  private final StringBuilder text = new StringBuilder();
  private int promptTokens = -1;

  /** Reads one event's data; anything that is not a chunk is left alone. */
  public void read(String data) {
    try (JsonParser parser = JSON.createParser(data)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return;
      }
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        if (field.equals("choices") && value == JsonToken.START_ARRAY) {
          firstDelta(parser);
        } else if (field.equals("usage") && value == JsonToken.START_OBJECT) {
          usage(parser);
        } else {
          parser.skipChildren();
        }
      }
    } catch (IOException notJson) {
      // The measurement fails a reply whose events are not JSON; its text is then of no use.
    }
  }

  private void firstDelta(JsonParser parser) throws IOException {
    if (parser.nextToken() == JsonToken.START_OBJECT) {
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        if (field.equals("delta") && value == JsonToken.START_OBJECT) {
          delta(parser);
        } else {
          parser.skipChildren();
        }
      }
    }
    while (parser.currentToken() != JsonToken.END_ARRAY && parser.nextToken() != JsonToken.END_ARRAY) {
      parser.skipChildren();
    }
  }

  private void delta(JsonParser parser) throws IOException {
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      if (field.equals("content") && value == JsonToken.VALUE_STRING && text.length() < MAX_CHARS) {
        text.append(parser.getText(), 0, Math.min(parser.getTextLength(), MAX_CHARS - text.length()));
      } else {
        parser.skipChildren();
      }
    }
  }

  private void usage(JsonParser parser) throws IOException {
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      if (field.equals("prompt_tokens") && value == JsonToken.VALUE_NUMBER_INT) {
        promptTokens = parser.getIntValue();
      } else {
        parser.skipChildren();
      }
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
