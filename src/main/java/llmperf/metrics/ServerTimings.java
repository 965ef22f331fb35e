package llmperf.metrics;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * llama.cpp's own per-request timings, which llama-server puts in the last chunk of a streamed completion (the
 * finish chunk, or the usage chunk when usage is asked for): the server's truth about this one reply. Names as in
 * llama.cpp's tools/server {@code result_timings}. A field the server did not send is -1.
 *
 * @param promptN prompt tokens evaluated (those not served from the cache)
 * @param promptMs time to evaluate them: the server's prefill, roughly its time to the first token
 * @param predictedN tokens generated
 * @param predictedPerTokenMs the server's own time per generated token
 * @param cacheN prompt tokens reused from the cache
 */
public record ServerTimings(long promptN, double promptMs, double promptPerTokenMs, double promptPerSecond,
    long predictedN, double predictedMs, double predictedPerTokenMs, double predictedPerSecond, long cacheN) {

  /** At the value of "timings": its fields, the parser left at the object's end; null when it is not an object. */
  static ServerTimings read(JsonParser parser) throws IOException {
    if (parser.currentToken() != JsonToken.START_OBJECT) {
      parser.skipChildren();
      return null;
    }
    double[] value = {-1, -1, -1, -1, -1, -1, -1, -1, -1};
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      int at = switch (parser.currentName()) {
        case "prompt_n" -> 0;
        case "prompt_ms" -> 1;
        case "prompt_per_token_ms" -> 2;
        case "prompt_per_second" -> 3;
        case "predicted_n" -> 4;
        case "predicted_ms" -> 5;
        case "predicted_per_token_ms" -> 6;
        case "predicted_per_second" -> 7;
        case "cache_n" -> 8;
        default -> -1;
      };
      JsonToken token = parser.nextToken();
      if (at >= 0 && token.isNumeric()) {
        value[at] = parser.getDoubleValue();
      } else {
        parser.skipChildren();
      }
    }
    return new ServerTimings((long) value[0], value[1], value[2], value[3], (long) value[4], value[5], value[6],
        value[7], (long) value[8]);
  }

  /** Whether the server gave both figures a reply is held to: its prompt time and its time per generated token. */
  public boolean usable() {
    return promptMs >= 0 && predictedPerTokenMs >= 0;
  }
}
