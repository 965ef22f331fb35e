package llmperf.metrics;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * One event of the OpenAI Responses API's stream, read in one streaming pass. Every event carries its "type": the
 * deltas of output text, refusal, reasoning text or summary, and function call arguments are tokens (the output
 * item naming a function is not: a call's tokens are its arguments' pieces, as on chat completions); response.completed (or response.incomplete, cut at max_output_tokens) ends the reply with its usage;
 * response.failed and error are error events.
 */
final class ResponsesEvent {

  private static final JsonFactory JSON = new JsonFactory();

  private ResponsesEvent() {}

  static StreamFormat.Reading read(String text) {
    try (JsonParser parser = JSON.createParser(text)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return StreamFormat.Reading.OTHER;
      }
      String type = "";
      boolean delta = false;
      Response response = Response.NONE;
      String message = null;
      int[] code = {-1};
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        switch (field) {
          case "type" -> type = value == JsonToken.VALUE_STRING ? parser.getText() : type;
          case "delta" -> delta = EventFields.nonEmptyText(parser);
          case "response" -> response = value == JsonToken.START_OBJECT ? response(parser) : response;
          case "message" -> message = value == JsonToken.VALUE_STRING ? parser.getText() : message;
          case "error" -> message = EventFields.errorMessage(parser, code);
          default -> parser.skipChildren();
        }
      }
      return meaning(type, delta, response, message);
    } catch (IOException notJson) {
      return StreamFormat.Reading.OTHER;
    }
  }

  private static StreamFormat.Reading meaning(String type, boolean delta, Response response, String message) {
    return switch (type) {
      case "response.output_text.delta", "response.refusal.delta" -> tokenIf(delta, TokenKind.ANSWER);
      case "response.reasoning_text.delta", "response.reasoning_summary_text.delta" ->
          tokenIf(delta, TokenKind.REASONING);
      case "response.function_call_arguments.delta" -> tokenIf(delta, TokenKind.TOOL_CALL);
      case "response.completed", "response.incomplete" -> response.usage() == null ? StreamFormat.Reading.TERMINAL
          : StreamFormat.Reading.usage(StreamFormat.Kind.TERMINAL, response.usage());
      case "response.failed" -> StreamFormat.Reading.error(
          response.error() != null ? response.error() : "response.failed", -1);
      case "error" -> StreamFormat.Reading.error(message != null ? message : "error event", -1);
      default -> StreamFormat.Reading.OTHER;
    };
  }

  private static StreamFormat.Reading tokenIf(boolean present, TokenKind kind) {
    return present ? StreamFormat.Reading.token(kind, null) : StreamFormat.Reading.OTHER;
  }

  /** The response object of response.completed, .incomplete or .failed: its usage, or its error's message. */
  private record Response(EventFields.Usage usage, String error) {
    static final Response NONE = new Response(null, null);
  }

  private static Response response(JsonParser parser) throws IOException {
    EventFields.Usage usage = null;
    String error = null;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      if (field.equals("usage") && value == JsonToken.START_OBJECT) {
        usage = usage(parser);
      } else if (field.equals("error") && value == JsonToken.START_OBJECT) {
        error = EventFields.errorMessage(parser, new int[1]);
      } else {
        parser.skipChildren();
      }
    }
    return new Response(usage, error);
  }

  /** Responses usage: output_tokens, reasoning included, and output_tokens_details.reasoning_tokens. */
  private static EventFields.Usage usage(JsonParser parser) throws IOException {
    int output = -1;
    int reasoning = -1;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      JsonToken value = parser.nextToken();
      if (field.equals("output_tokens") && value == JsonToken.VALUE_NUMBER_INT) {
        output = parser.getIntValue();
      } else if (field.equals("output_tokens_details") && value == JsonToken.START_OBJECT) {
        reasoning = EventFields.intField(parser, "reasoning_tokens");
      } else {
        parser.skipChildren();
      }
    }
    return output >= 0 ? new EventFields.Usage(output, reasoning) : null;
  }
}
