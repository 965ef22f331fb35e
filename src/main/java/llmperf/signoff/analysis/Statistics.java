package llmperf.signoff.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import llmperf.gatling.Percentiles;
import llmperf.signoff.Summary;
import llmperf.signoff.log.GroupRecord;
import llmperf.signoff.log.RequestRecord;

/** The statistics of report rows as Gatling's report computes them (same percentile estimator). */
final class Statistics {

  private final RunRecords run;

  Statistics(RunRecords run) {
    this.run = run;
  }

  /** One statistic (p50 ... p99, min, max, mean) of sorted values. */
  static long of(String name, long[] sorted) {
    return switch (name) {
      case "max" -> sorted[sorted.length - 1];
      case "min" -> sorted[0];
      case "mean" -> Math.round(Arrays.stream(sorted).average().orElse(0));
      default -> Percentiles.of(sorted, Double.parseDouble(name.substring(1)))[0];
    };
  }

  /** Every request row and every group row of the run, by name. */
  List<Summary.RowStats> rows() {
    List<Summary.RowStats> rows = new ArrayList<>();
    run.byPath().forEach((path, records) -> rows.add(row(path, records)));
    Map<List<String>, List<GroupRecord>> groups = new LinkedHashMap<>();
    run.log.groups().forEach(g -> groups.computeIfAbsent(g.groups(), k -> new ArrayList<>()).add(g));
    groups.forEach((path, records) -> rows.add(group(path, records)));
    rows.sort(Comparator.comparing(Summary.RowStats::name));
    return rows;
  }

  /**
   * A row's counts, and its times of the OK requests only (of all when none was OK): a failed reply's rows carry the
   * time until it failed, so a fast 429 would otherwise flatter the TTFT of the replies that came.
   */
  Summary.RowStats row(List<String> path, List<RequestRecord> records) {
    long ko = records.stream().filter(r -> !r.ok()).count();
    long[] ok = RunRecords.okDurations(records);
    return stats(path, records.size(), ko, ok.length > 0 ? ok : RunRecords.durations(records));
  }

  private Summary.RowStats group(List<String> path, List<GroupRecord> records) {
    long[] times = records.stream().mapToLong(GroupRecord::cumulatedResponseTimeMs).sorted().toArray();
    return stats(path, times.length, records.stream().filter(g -> !g.ok()).count(), times);
  }

  private Summary.RowStats stats(List<String> path, long count, long ko, long[] sorted) {
    long[] p = Percentiles.of(sorted, 50, 75, 95, 99);
    return new Summary.RowStats(path, count, count - ko, ko, count == 0 ? 0 : 100.0 * ko / count, sorted[0],
        of("mean", sorted), p[0], p[1], p[2], p[3], sorted[sorted.length - 1], count / run.seconds());
  }
}
