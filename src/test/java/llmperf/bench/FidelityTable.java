package llmperf.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import llmperf.signoff.analysis.Durations;
import llmperf.signoff.log.RequestRecord;
import llmperf.signoff.log.RunLog;

/**
 * Prints the table of bench/ttft-fidelity.sh from its runs: per concurrency, the suite's client (figures and their
 * comparison with the server's record, from summary.json) beside plain Gatling sse() on the same requests (from
 * simulation.log), and the server's CPU in each.
 *
 * <p>Arguments: the seconds each level ran, then the file the script wrote, one line per run:
 * {@code <streams> <simulation> <run folder> <server CPU ticks>}.
 */
public final class FidelityTable {

  private static final double TICKS_PER_SECOND = 100;

  private FidelityTable() {}

  public static void main(String[] args) throws IOException {
    double seconds = Double.parseDouble(args[0]);
    System.out.println("| N | client | streams/s | tokens/s | TTFT p50 / p95 / p99 (ms) | server's TTFT p50 / p95 / p99"
        + " | TTFT error p50 / p95 | generator CPU | lag p99 | server CPU |");
    System.out.println("|---|---|---|---|---|---|---|---|---|---|");
    for (String line : Files.readAllLines(Path.of(args[1]))) {
      String[] run = line.trim().split(" ");
      Path folder = Path.of(run[2]);
      String serverCpu = String.format("%.2f", Long.parseLong(run[3]) / TICKS_PER_SECOND / seconds);
      System.out.println(run[1].equals("TtftFidelity") ? suite(run[0], folder, seconds, serverCpu)
          : gatling(run[0], folder, seconds, serverCpu));
    }
  }

  private static String suite(String streams, Path folder, double seconds, String serverCpu) throws IOException {
    JsonNode summary = new ObjectMapper().readTree(folder.resolve("summary.json").toFile());
    JsonNode reply = measured(summary.path("streaming"));
    JsonNode truth = reply.path("truth");
    JsonNode generator = summary.path("generator");
    long ok = reply.path("replies").asLong() - reply.path("failedReplies").asLong();
    return String.format("| %s | suite | %.1f | %.0f | %d / %d / %d | %s | %s | %.2f | %.1f ms | %s |", streams,
        ok / seconds, reply.path("outputTokens").asLong() / seconds, reply.path("ttft").path("p50").asLong(),
        reply.path("ttft").path("p95").asLong(), reply.path("ttft").path("p99").asLong(),
        truth.isMissingNode() || truth.isNull() ? "n/a" : String.format("%.1f / %.1f / %.1f",
            truth.path("serverTtft").path("p50").asDouble(), truth.path("serverTtft").path("p95").asDouble(),
            truth.path("serverTtft").path("p99").asDouble()),
        truth.isMissingNode() || truth.isNull() ? "n/a" : String.format("%.2f / %.2f",
            truth.path("ttftError").path("p50").asDouble(), truth.path("ttftError").path("p95").asDouble()),
        generator.path("cpuMean").asDouble() * generator.path("cores").asInt(), generator.path("lagP99Ms").asDouble(),
        serverCpu);
  }

  /** The measured replies' journey, not the warm-up's. */
  private static JsonNode measured(JsonNode streaming) {
    for (JsonNode journey : streaming) {
      if (journey.path("journey").asText().equals(TtftFidelity.MEASURED)) {
        return journey;
      }
    }
    throw new IllegalStateException("no " + TtftFidelity.MEASURED + " journey in " + streaming);
  }

  /** Plain Gatling has no TTFT: its streams/s and its time to [DONE] are what it reports. */
  private static String gatling(String streams, Path folder, double seconds, String serverCpu) throws IOException {
    List<RequestRecord> ends = RunLog.read(folder.resolve("simulation.log")).requests().stream()
        .filter(r -> r.groups().equals(List.of(TtftFidelity.MEASURED)) && r.name().equals("story body") && r.ok())
        .toList();
    Durations done = new Durations();
    ends.forEach(end -> done.add(end.durationMs()));
    String toDone = done.isEmpty() ? "n/a" : "to [DONE] after the head: p50 " + done.percentile(50) + " ms";
    return String.format("| %s | plain Gatling sse() | %.1f | | %s | | | | | %s |", streams, ends.size() / seconds,
        toDone, serverCpu);
  }
}
