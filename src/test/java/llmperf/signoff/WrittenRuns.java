package llmperf.signoff;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import llmperf.budgets.Budget;
import llmperf.budgets.BudgetCheck;
import llmperf.budgets.Thresholds;
import llmperf.client.StreamClient;
import llmperf.metrics.GeneratorMonitor;
import llmperf.metrics.HistogramCounts;
import llmperf.metrics.StreamTally;
import llmperf.metrics.TimingsTally;
import llmperf.metrics.TokenAskTally;
import llmperf.resources.ResourceSamples;
import llmperf.signoff.analysis.RunPlan;
import llmperf.signoff.analysis.Summary;
import llmperf.signoff.log.GroupRecord;
import llmperf.signoff.log.LogHeader;
import llmperf.signoff.log.RequestRecord;
import llmperf.signoff.log.RunLog;
import llmperf.signoff.log.SimulationLogWriter;
import llmperf.signoff.log.UserRecord;

/**
 * Run folders written without Gatling, as a load generator would leave them (simulation.log, runplan.json and the
 * sign-off), for the fast tests of the sign-off's commands: a chat-sse journey per 100 ms (a login and a streamed
 * reply), judged by an error-rate budget and a TTFT p95 budget. The simulation is named "Written": no baseline of it
 * exists.
 */
public final class WrittenRuns {

  public static final String SIMULATION = "Written";
  public static final List<String> TTFT = List.of("chat-sse", "ttft");
  static final List<BudgetCheck> CHECKS = List.of(
      new BudgetCheck(new Budget("budgets.all.error-rate-percent", List.of("all"), "error-rate-percent", 1), List.of()),
      new BudgetCheck(new Budget("budgets.chat.ttft.p95", List.of("chat", "ttft"), "p95", 500), TTFT));

  private static final StreamClient.Resends NO_RESENDS = new StreamClient.Resends(0, 0);

  private WrittenRuns() {}

  /** The plan of {@code journeys} planned journeys, with a stream tally of 1,000 output tokens per OK reply. */
  public static RunPlan plan(String scale, long journeys, double lagP99Ms) {
    StreamTally tally = StreamTally.of(new StreamTally.State(journeys * 1000, 0, journeys, journeys, journeys,
        new HistogramCounts(4000, Map.of(4000, journeys)), new HistogramCounts(5000, Map.of(5000, journeys)),
        new TimingsTally.State(0, 0, new double[0], new double[0], new double[0], new double[0]),
        new TokenAskTally.State(Map.of(), Map.of(), Map.of(), Map.of(), Set.of())));
    return new RunPlan(SIMULATION, scale, "embedded reference target", CHECKS, CHECKS, Set.of(List.of("chat-sse",
        "login")), 1000, null, List.of(), false, journeys, Thresholds.of(List.of()), Map.of("chat-sse", tally),
        Map.of(), new GeneratorMonitor.Health(100, 1, lagP99Ms, lagP99Ms + 1, 0.3, 0.5, 5, 0.1, 40, 1024, 2), null,
        null, ResourceSamples.none("embedded", "not sampled"), List.of(), Map.of(), NO_RESENDS, null);
  }

  /**
   * A folder of {@code journeys} chat-sse journeys from {@code startEpochMs}, 100 ms apart, each TTFT
   * {@code ttftMs}; the first {@code failed} replies fail. Signed off: its summary.json, runplan.json and history
   * line are written.
   */
  public static Path write(Path results, String folder, RunPlan plan, long startEpochMs, int journeys, long ttftMs,
      int failed) throws IOException {
    Path runFolder = Files.createDirectories(results.resolve(folder));
    SimulationLogWriter.write(log(startEpochMs, journeys, ttftMs, failed), runFolder.resolve("simulation.log"));
    SignOff.write(runFolder, plan);
    return runFolder;
  }

  static RunLog log(long start, int journeys, long ttftMs, int failed) {
    List<String> chat = List.of("chat-sse");
    List<UserRecord> users = new ArrayList<>();
    List<GroupRecord> groups = new ArrayList<>();
    List<RequestRecord> requests = new ArrayList<>();
    for (int i = 0; i < journeys; i++) {
      long at = start + 100L * i;
      boolean ok = i >= failed;
      String failure = ok ? null : "http 500";
      users.add(new UserRecord("steady", true, at));
      requests.add(new RequestRecord(chat, "login", at, at + 10, true, null));
      requests.add(new RequestRecord(chat, "ttft", at + 10, at + 10 + ttftMs, ok, failure));
      requests.add(new RequestRecord(chat, "itl", at + 10, at + 15, ok, failure));
      requests.add(new RequestRecord(chat, "inter-chunk", at + 10, at + 20, ok, failure));
      requests.add(new RequestRecord(chat, "end-to-end", at + 10, at + 30 + ttftMs, ok, failure));
      groups.add(new GroupRecord(chat, at, at + 30 + ttftMs, 40, ok));
    }
    return new RunLog(new LogHeader(SIMULATION, SIMULATION.toLowerCase(), start), requests, groups, users);
  }

  /** The sign-off a folder holds. */
  public static Summary summary(Path runFolder) throws IOException {
    return new ObjectMapper().readValue(runFolder.resolve("summary.json").toFile(), Summary.class);
  }
}
