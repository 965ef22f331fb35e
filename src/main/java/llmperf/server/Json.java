package llmperf.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The target's one ObjectMapper and the small helpers the routes share for reading request bodies. */
final class Json {

  static final ObjectMapper MAPPER =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private Json() {}

  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  static byte[] bytes(JsonNode node) {
    try {
      return MAPPER.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String string(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A JSON string literal (quoted and escaped), for the hand-built frames on the streaming hot path. */
  static String quote(String s) {
    try {
      return MAPPER.writeValueAsString(s);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses a request body that must be a JSON object; anything else is the client's fault (400). */
  static ObjectNode parseObject(byte[] body) {
    if (body.length == 0) {
      throw HttpError.badRequest("request body must be a JSON object");
    }
    JsonNode node;
    try {
      node = MAPPER.readTree(body);
    } catch (IOException e) {
      throw HttpError.badRequest("malformed JSON body");
    }
    if (!(node instanceof ObjectNode obj)) {
      throw HttpError.badRequest("request body must be a JSON object");
    }
    return obj;
  }

  /** A required, non-blank string field. */
  static String requiredText(JsonNode body, String field) {
    String value = optionalText(body, field);
    if (value == null || value.isBlank()) {
      throw HttpError.badRequest("'" + field + "' is required and must be a non-empty string");
    }
    return value;
  }

  /** A string field that may be absent or null; any other type is a 400. */
  static String optionalText(JsonNode body, String field) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw HttpError.badRequest("'" + field + "' must be a string");
    }
    return v.textValue();
  }

  /** A positive integer field that may be absent (then {@code fallback}). */
  static int optionalPositiveInt(JsonNode body, String field, int fallback) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return fallback;
    }
    if (!v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() < 1) {
      throw HttpError.badRequest("'" + field + "' must be a positive integer");
    }
    return v.intValue();
  }
}
