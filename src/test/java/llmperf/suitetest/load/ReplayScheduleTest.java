package llmperf.suitetest.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import llmperf.data.ReplayTrace;
import llmperf.suite.load.ReplaySchedule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A trace's requests are due at their timestamps over the speed, from the first. */
class ReplayScheduleTest {

  @TempDir
  Path folder;

  private String file(String text) throws Exception {
    Path trace = folder.resolve("trace.jsonl");
    Files.writeString(trace, text);
    return trace.toString();
  }

  @Test
  void eachRequestIsDueAtItsTimestampOverTheSpeedFromTheFirst() throws Exception {
    List<ReplayTrace.Request> requests = ReplayTrace.read(file("""
        {"timestamp": 1000, "input_length": 1, "output_length": 1, "hash_ids": []}
        {"timestamp": 1400, "input_length": 1, "output_length": 1, "hash_ids": []}
        {"timestamp": 1400, "input_length": 1, "output_length": 1, "hash_ids": []}
        {"timestamp": 3000, "input_length": 1, "output_length": 1, "hash_ids": []}
        """));
    assertEquals(List.of(new ReplaySchedule.Arrival(0, 1), new ReplaySchedule.Arrival(400, 2),
        new ReplaySchedule.Arrival(2000, 1)), ReplaySchedule.arrivals(requests, 1));
    assertEquals(List.of(new ReplaySchedule.Arrival(0, 1), new ReplaySchedule.Arrival(100, 2),
        new ReplaySchedule.Arrival(500, 1)), ReplaySchedule.arrivals(requests, 4));
    assertEquals(5, ReplaySchedule.injection(ReplaySchedule.arrivals(requests, 1)).size(),
        "one user, a pause, two users, a pause, one user");
  }
}
