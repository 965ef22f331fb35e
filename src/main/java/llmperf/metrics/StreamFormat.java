package llmperf.metrics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** How to read the events of one kind of stream: which carry content, which end it, which report an error. */
public enum StreamFormat {

  /** OpenAI chat.completion.chunk events ending with data: [DONE]. A role-only or finish chunk is not content. */
  OPENAI_SSE {
    @Override
    Reading read(String name, String text) {
      if (text.equals("[DONE]")) {
        return Reading.TERMINAL;
      }
      JsonNode data = parse(text);
      if (data.has("error")) {
        return Reading.error(data.path("error").path("message").asText("error event"));
      }
      JsonNode usage = data.path("usage");
      if (usage.has("completion_tokens")) {
        return Reading.usage(usage.path("completion_tokens").asInt());
      }
      String content = data.path("choices").path(0).path("delta").path("content").asText("");
      return content.isEmpty() ? Reading.OTHER : Reading.CONTENT;
    }
  },

  /** The chat platform's SSE: event: token ..., then event: done with usage; event: error on failure. */
  CHAT_SSE {
    @Override
    Reading read(String name, String text) {
      return readTyped(name, parse(text));
    }
  },

  /** The chat platform's WebSocket frames: start, token ..., done with usage; error on failure. */
  CHAT_WS {
    @Override
    Reading read(String name, String text) {
      JsonNode frame = parse(text);
      return readTyped(frame.path("type").asText(""), frame);
    }
  };

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /**
   * What one event means.
   *
   * @param name the SSE event name ("" when the event has none, and for a WebSocket frame)
   * @param text the SSE event's data, or the WebSocket frame
   */
  abstract Reading read(String name, String text);

  private static Reading readTyped(String type, JsonNode body) {
    return switch (type) {
      case "token" -> body.path("content").asText("").isEmpty() ? Reading.OTHER : Reading.CONTENT;
      case "done" -> body.path("usage").has("completion_tokens")
          ? Reading.terminalWithUsage(body.path("usage").path("completion_tokens").asInt())
          : Reading.TERMINAL;
      case "error" -> Reading.error(body.path("message").asText("error event"));
      default -> Reading.OTHER;
    };
  }

  private static JsonNode parse(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      return MAPPER.missingNode();
    }
  }

  /** What one event means. */
  record Reading(Kind kind, int usageTokens, String error) {
    static final Reading CONTENT = new Reading(Kind.CONTENT, -1, null);
    static final Reading OTHER = new Reading(Kind.OTHER, -1, null);
    static final Reading TERMINAL = new Reading(Kind.TERMINAL, -1, null);

    static Reading usage(int tokens) {
      return new Reading(Kind.USAGE, tokens, null);
    }

    static Reading terminalWithUsage(int tokens) {
      return new Reading(Kind.TERMINAL, tokens, null);
    }

    static Reading error(String message) {
      return new Reading(Kind.ERROR, -1, message);
    }
  }

  enum Kind { CONTENT, OTHER, USAGE, TERMINAL, ERROR }
}
