package llmperf.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A trace is read and checked whole before any load, in either JVM: a bad line is one line saying what is wrong. */
class ReplayTraceTest {

  @TempDir
  Path folder;

  private String file(String text) throws Exception {
    Path trace = folder.resolve("trace.jsonl");
    Files.writeString(trace, text);
    return trace.toString();
  }

  private String refused(String text) throws Exception {
    String trace = file(text);
    return assertThrows(DataError.class, () -> ReplayTrace.read(trace)).getMessage();
  }

  @Test
  void theShippedSampleIsReadInTimestampOrder() {
    List<ReplayTrace.Request> sample = ReplayTrace.read("data/traces/sample-mooncake.jsonl");
    assertEquals(40, sample.size());
    for (int i = 1; i < sample.size(); i++) {
      assertEquals(true, sample.get(i).timestampMs() >= sample.get(i - 1).timestampMs());
    }
  }

  @Test
  void anUnsortedTraceIsSortedAndBlankLinesAreSkipped() throws Exception {
    List<ReplayTrace.Request> requests = ReplayTrace.read(file("""
        {"timestamp": 500, "input_length": 10, "output_length": 2, "hash_ids": [1]}

        {"timestamp": 0, "input_length": 700, "output_length": 5, "hash_ids": [7, 8]}
        """));
    assertEquals(List.of(3, 1), requests.stream().map(ReplayTrace.Request::line).toList());
    assertEquals(new ReplayTrace.Request(3, 0, 700, 5, List.of(7L, 8L)), requests.get(0));
  }

  @Test
  void aBadLineNamesTheFileTheLineTheFieldTheValueAndWhatIsAllowed() throws Exception {
    String good = "{\"timestamp\": 0, \"input_length\": 10, \"output_length\": 2, \"hash_ids\": [1]}\n";
    String trace = folder.resolve("trace.jsonl").toString();
    assertEquals(trace + " line 2: input_length = -5: expected prompt tokens, 1 to 1000000",
        refused(good + "{\"timestamp\": 1, \"input_length\": -5, \"output_length\": 2, \"hash_ids\": [1]}"));
    assertEquals(trace + " line 1: output_length = (missing): expected output tokens, 1 to 4096",
        refused("{\"timestamp\": 1, \"input_length\": 5, \"hash_ids\": []}"));
    assertEquals(trace + " line 1: timestamp = \"soon\": expected ms from the trace's start, 0 or more",
        refused("{\"timestamp\": \"soon\", \"input_length\": 5, \"output_length\": 2, \"hash_ids\": []}"));
    assertEquals(trace + " line 1: hash_ids = [1,\"x\"]: expected an array of whole numbers (the prompt's block ids)",
        refused("{\"timestamp\": 1, \"input_length\": 5, \"output_length\": 2, \"hash_ids\": [1, \"x\"]}"));
    assertEquals(trace + " line 2: the line = not json: expected one JSON object", refused(good + "not json"));
    assertEquals(trace + " is empty: expected one JSON request a line (replay.trace)", refused("\n\n"));
    assertEquals("nowhere/none.jsonl is missing: expected a Mooncake-format JSONL trace at that path or under"
        + " src/test/resources (replay.trace)",
        assertThrows(DataError.class, () -> ReplayTrace.read("nowhere/none.jsonl")).getMessage());
  }
}
