package llmperf.signoff.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import llmperf.signoff.analysis.Durations;
import llmperf.suite.simulations.Steady;
import llmperf.support.GatlingRun;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reads the simulation.log of a real run and holds every request row and every group row against the pages of
 * the report Gatling wrote for that same run.
 */
class RunLogIT {

  /** The report's percentiles (gatling.conf: gatling.charting.indicators). */
  private static final double[] REPORT_PERCENTILES = {50, 75, 95, 99};
  /** Up to this many values Gatling's t-digest keeps each apart, so its report is exact (see Durations). */
  private static final int REPORT_EXACT_UP_TO = 40;
  /** Gatling names run folders after the run start in UTC (gatling.data.utcDateTime, on by default). */
  private static final DateTimeFormatter RUN_FOLDER_TIME =
      DateTimeFormatter.ofPattern("yyyyMMddHHmmssSSS").withZone(ZoneOffset.UTC);

  private static Path runFolder;
  private static RunLog log;

  @BeforeAll
  static void runSteadyBriefly() throws IOException {
    // Few enough requests per row that Gatling's report percentiles are exact.
    runFolder = GatlingRun.run(Steady.class, Map.of("scales.ci.steady.rate", "4", "scales.ci.steady.duration", "4s"))
        .runFolder();
    log = RunLog.read(runFolder.resolve("simulation.log"));
  }

  @Test
  void readsTheRunRecord() {
    assertEquals(Steady.class.getName(), log.simulationClassName());
    assertEquals(runFolder.getFileName().toString(),
        log.simulationId() + "-" + RUN_FOLDER_TIME.format(Instant.ofEpochMilli(log.runStartEpochMs())));
  }

  @Test
  void everyUserThatStartedEnded() {
    Map<String, Long> started = countUsers(true);
    assertFalse(started.isEmpty());
    assertEquals(started, countUsers(false));
    assertTrue(log.users().stream().allMatch(user -> user.timestampEpochMs() >= log.runStartEpochMs()));
  }

  @Test
  void everyRequestRowMatchesItsReportPage() throws IOException {
    Map<List<String>, List<Sample>> rows = rowsOf(log.requests(), RequestRecord::groups,
        request -> new Sample(request.durationMs(), request.ok()), RequestRecord::name);
    List<String> mismatches = new ArrayList<>();
    for (Map.Entry<List<String>, List<Sample>> row : rows.entrySet()) {
      List<String> path = row.getKey();
      Path page = ReportPage.requestPageFile(runFolder, path.subList(0, path.size() - 1), path.get(path.size() - 1));
      mismatches.addAll(compare(path, ReportPage.read(page), row.getValue()));
    }
    assertEquals(List.of(), mismatches);
    assertEquals(pageNames("req_"), rows.keySet().stream()
        .map(path -> ReportPage.requestPageFile(runFolder, path.subList(0, path.size() - 1), path.get(path.size() - 1)))
        .map(page -> page.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new)),
        "one report page per request row, none left over");
  }

  /** The report shows a group's cumulated response time (gatling.charting.useGroupDurationMetric is off). */
  @Test
  void everyGroupRowMatchesItsReportPage() throws IOException {
    Map<List<String>, List<Sample>> rows = rowsOf(log.groups(), GroupRecord::groups,
        group -> new Sample(group.cumulatedResponseTimeMs(), group.ok()), group -> null);
    List<String> mismatches = new ArrayList<>();
    for (Map.Entry<List<String>, List<Sample>> row : rows.entrySet()) {
      mismatches.addAll(compare(row.getKey(), ReportPage.read(ReportPage.groupPageFile(runFolder, row.getKey())),
          row.getValue()));
    }
    assertEquals(List.of(), mismatches);
    assertEquals(pageNames("group_"), rows.keySet().stream()
        .map(path -> ReportPage.groupPageFile(runFolder, path).getFileName().toString())
        .collect(Collectors.toCollection(TreeSet::new)), "one report page per group, none left over");
  }

  @Test
  void refusesALogOfAnotherGatlingVersion(@TempDir Path folder) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeByte(0);
    out.writeInt(6);
    out.write("3.14.3".getBytes(StandardCharsets.ISO_8859_1));
    out.writeByte(0);
    Path simulationLog = Files.write(folder.resolve("simulation.log"), bytes.toByteArray());

    IOException refused = assertThrows(IOException.class, () -> RunLog.read(simulationLog));
    assertTrue(refused.getMessage().contains("written by Gatling 3.14.3"), refused.getMessage());
    assertTrue(refused.getMessage().contains("format of Gatling 3.15.1 only"), refused.getMessage());
  }

  @Test
  void refusesTheTextLogOfGatlingBefore313(@TempDir Path folder) throws IOException {
    Path simulationLog = Files.writeString(folder.resolve("simulation.log"),
        "RUN\tllmperf.suite.simulations.Smoke\tsmoke\t1700000000000\t \t3.9.5\n");

    IOException refused = assertThrows(IOException.class, () -> RunLog.read(simulationLog));
    assertTrue(refused.getMessage().contains("not a binary simulation.log"), refused.getMessage());
  }

  @Test
  void refusesATruncatedLog(@TempDir Path folder) throws IOException {
    byte[] whole = Files.readAllBytes(runFolder.resolve("simulation.log"));
    Path simulationLog = Files.write(folder.resolve("simulation.log"), Arrays.copyOf(whole, whole.length - 3));

    IOException refused = assertThrows(IOException.class, () -> RunLog.read(simulationLog));
    assertTrue(refused.getMessage().contains("ends in the middle of a record"), refused.getMessage());
  }

  /** One value of a row (a response time, or a group's cumulated response time) and its status. */
  private record Sample(long valueMs, boolean ok) {}

  /** Report rows (path = groups, then the request name if any) to their samples, in log order. */
  private static <T> Map<List<String>, List<Sample>> rowsOf(List<T> records, Function<T, List<String>> groups,
      Function<T, Sample> sample, Function<T, String> nameOrNull) {
    Map<List<String>, List<Sample>> rows = new LinkedHashMap<>();
    for (T record : records) {
      String name = nameOrNull.apply(record);
      List<String> path = name == null ? groups.apply(record)
          : Stream.concat(groups.apply(record).stream(), Stream.of(name)).toList();
      rows.computeIfAbsent(path, key -> new ArrayList<>()).add(sample.apply(record));
    }
    return rows;
  }

  /**
   * Mismatches between the page's Total / OK / KO columns and what the reader and the sign-off's Durations make of
   * the samples. Exact, which needs rows small enough for Gatling's own percentiles to be exact (see Durations).
   */
  private static List<String> compare(List<String> path, ReportPage page, List<Sample> samples) {
    assertTrue(samples.size() <= REPORT_EXACT_UP_TO, String.join(" / ", path) + " has " + samples.size()
        + " values: past " + REPORT_EXACT_UP_TO + " the report's percentiles are random (t-digest), keep"
        + " the run short enough for an exact comparison");
    List<List<Sample>> columns = List.of(samples,
        samples.stream().filter(Sample::ok).toList(),
        samples.stream().filter(sample -> !sample.ok()).toList());
    Map<String, List<String>> expected = new LinkedHashMap<>();
    expected.put("Total count", columns.stream().map(column -> Integer.toString(column.size())).toList());
    expected.put("Min", columns.stream().map(column -> stat(column, 0)).toList());
    for (double percentile : REPORT_PERCENTILES) {
      expected.put((long) percentile + "th percentile",
          columns.stream().map(column -> stat(column, percentile)).toList());
    }
    expected.put("Max", columns.stream().map(column -> stat(column, 100)).toList());

    List<String> mismatches = new ArrayList<>();
    expected.forEach((title, values) -> {
      List<String> reported = page.rows().get(title);
      if (!values.equals(reported)) {
        mismatches.add(String.join(" / ", path) + " " + title + ": report " + reported + ", log " + values
            + " (" + page.file().getFileName() + ")");
      }
    });
    return mismatches;
  }

  /** A percentile of a column as the report prints it: "-" for a column without values. */
  private static String stat(List<Sample> column, double percentile) {
    return column.isEmpty() ? "-"
        : Long.toString(durationsOf(column).percentile(percentile));
  }

  private static Durations durationsOf(List<Sample> column) {
    Durations durations = new Durations();
    column.forEach(sample -> durations.add(sample.valueMs()));
    return durations;
  }

  private static Set<String> pageNames(String prefix) throws IOException {
    try (Stream<Path> files = Files.list(runFolder)) {
      return files.map(file -> file.getFileName().toString())
          .filter(name -> name.startsWith(prefix) && name.endsWith(".html"))
          .collect(Collectors.toCollection(TreeSet::new));
    }
  }

  private static Map<String, Long> countUsers(boolean start) {
    return log.users().stream().filter(user -> user.start() == start)
        .collect(Collectors.groupingBy(UserRecord::scenario, Collectors.counting()));
  }
}
