package llmperf.data;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A Mooncake-format trace, read and checked whole before any load: one JSON object a line with {@code timestamp}
 * (ms), {@code input_length} and {@code output_length} (tokens) and {@code hash_ids} (the prompt's blocks; equal ids,
 * an equal prefix). A bad line stops the run with one line naming the file, the line, the field, the value and what
 * is allowed, in Maven's settings check and again in Gatling's JVM.
 */
public final class ReplayTrace {

  /**
   * One request of the trace.
   *
   * @param line its line in the file, from 1
   */
  public record Request(int line, long timestampMs, int inputLength, int outputLength, List<Long> hashIds) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private ReplayTrace() {}

  /**
   * The trace's requests in timestamp order (a trace need not be sorted).
   *
   * @param trace a file path, or else a resource of the test classpath
   */
  public static List<Request> read(String trace) {
    return parse(trace, DataText.read(trace, "a Mooncake-format JSONL trace", "replay.trace"));
  }

  /** The requests of a trace's text; {@code name} is what its errors call the file. */
  static List<Request> parse(String name, String text) {
    List<Request> requests = new ArrayList<>();
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (!lines[i].isBlank()) {
        requests.add(request(name, i + 1, lines[i]));
      }
    }
    if (requests.isEmpty()) {
      throw new DataError(name + " is empty: expected one JSON request a line (replay.trace)");
    }
    requests.sort(Comparator.comparingLong(Request::timestampMs).thenComparingInt(Request::line));
    return List.copyOf(requests);
  }

  private static Request request(String file, int line, String text) {
    JsonNode node;
    try {
      node = JSON.readTree(text);
    } catch (IOException e) {
      throw bad(file, line, "the line", abbreviated(text), "expected one JSON object");
    }
    if (node == null || !node.isObject()) {
      throw bad(file, line, "the line", abbreviated(text), "expected one JSON object");
    }
    long timestamp = whole(file, line, node, "timestamp", 0, Long.MAX_VALUE, "ms from the trace's start, 0 or more");
    int input = (int) whole(file, line, node, "input_length", 1, 1_000_000, "prompt tokens, 1 to 1000000");
    int output = (int) whole(file, line, node, "output_length", 1, 4096, "output tokens, 1 to 4096");
    JsonNode ids = node.get("hash_ids");
    if (ids == null || !ids.isArray()) {
      throw bad(file, line, "hash_ids", ids, "expected an array of whole numbers (the prompt's block ids)");
    }
    List<Long> hashIds = new ArrayList<>();
    for (JsonNode id : ids) {
      if (!id.canConvertToLong() || !id.isIntegralNumber()) {
        throw bad(file, line, "hash_ids", ids, "expected an array of whole numbers (the prompt's block ids)");
      }
      hashIds.add(id.longValue());
    }
    return new Request(line, timestamp, input, output, List.copyOf(hashIds));
  }

  private static long whole(String file, int line, JsonNode node, String field, long min, long max, String allowed) {
    JsonNode value = node.get(field);
    if (value == null || !value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < min
        || value.longValue() > max) {
      throw bad(file, line, field, value, "expected " + allowed);
    }
    return value.longValue();
  }

  private static DataError bad(String file, int line, String field, Object value, String allowed) {
    return new DataError(file + " line " + line + ": " + field + " = " + (value == null ? "(missing)" : value)
        + ": " + allowed);
  }

  private static String abbreviated(String text) {
    return text.length() <= 60 ? text : text.substring(0, 60) + "...";
  }
}
