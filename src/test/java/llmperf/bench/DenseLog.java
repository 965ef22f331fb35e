package llmperf.bench;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.group;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import llmperf.suite.gatling.ReportRows;
import llmperf.profiles.Profiles;
import llmperf.suite.run.LlmSimulation;
import llmperf.signoff.log.RequestRecord;
import llmperf.signoff.log.RunLog;

/**
 * A dense run for the sign-off's scale benchmark (bench/signoff-scale.sh): the request rows of a real run
 * ({@code dense.template}, a run folder) written again and again through Gatling's own stats engine and log writer,
 * each inside its journey's group, with their recorded times and failures, until the log holds
 * {@code dense.records} records over {@code dense.seconds}. The rows are the mix's, so the sign-off judges the
 * budgets it would judge on a long run; only the volume is made up.
 */
public class DenseLog extends LlmSimulation {

  /** As many windows over two minutes as a release Soak has over two hours (5 min each): 24. */
  static final Duration WINDOW = Duration.ofSeconds(5);

  {
    Path template = Path.of(System.getProperty("dense.template", "")).resolve("simulation.log");
    long records = Long.getLong("dense.records", 10_000_000);
    Duration duration = Duration.ofSeconds(Long.getLong("dense.seconds", 120));
    Map<String, List<RequestRecord>> journeys = journeyRows(template);
    long perReplay = journeys.values().stream().mapToLong(rows -> rows.size() + 1).sum() + 2;
    double usersPerSecond = Math.ceil((double) records / perReplay / duration.toSeconds());
    System.out.printf("Dense log: %d records of %d journeys (%d per user) from %s, %.0f users/s for %ds%n", records,
        journeys.size(), perReplay, template, usersPerSecond, duration.toSeconds());

    ScenarioBuilder replay = scenario("dense");
    for (Map.Entry<String, List<RequestRecord>> journey : journeys.entrySet()) {
      replay = replay.exec(group(journey.getKey()).on(rowsOf(journey.getValue())));
    }
    signOff.analyseInWindowsOf(WINDOW);
    signOff.judgeDrift();
    judgeBudgets();
    setUp(replay.injectOpen(constantUsersPerSec(usersPerSecond).during(duration)))
        .maxDuration(duration.plusSeconds(120));
  }

  /** The template's request rows by journey (its top-level group), warm-up and nested groups left out. */
  private static Map<String, List<RequestRecord>> journeyRows(Path template) {
    try {
      Map<String, List<RequestRecord>> journeys = new LinkedHashMap<>();
      for (RequestRecord request : RunLog.read(template).requests()) {
        if (request.groups().size() == 1 && !request.groups().get(0).equals(Profiles.WarmUp.GROUP)) {
          journeys.computeIfAbsent(request.groups().get(0), group -> new ArrayList<>()).add(request);
        }
      }
      if (journeys.isEmpty()) {
        throw new IllegalArgumentException("dense.template: " + template + " has no request rows inside a journey"
            + " group; give the folder of a run of the mix (Steady)");
      }
      return journeys;
    } catch (IOException e) {
      throw new UncheckedIOException("dense.template: " + e.getMessage(), e);
    }
  }

  /** One action writing every row, each ending now and lasting what it lasted in the template. */
  private static ChainBuilder rowsOf(List<RequestRecord> rows) {
    return exec(ReportRows.writing((session, writer) -> {
      long now = System.currentTimeMillis();
      for (RequestRecord row : rows) {
        writer.row(row.name(), now - row.durationMs(), now, row.ok() ? null : row.message());
      }
      return session;
    }));
  }
}
