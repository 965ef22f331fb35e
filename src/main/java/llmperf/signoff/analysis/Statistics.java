package llmperf.signoff.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The statistics of report rows: exact, by the percentile rule of {@link Durations}. */
final class Statistics {

  private final RunTally run;

  Statistics(RunTally run) {
    this.run = run;
  }

  /** Every request row and every group row of the run, by name. */
  List<Summary.RowStats> rows() {
    List<Summary.RowStats> rows = new ArrayList<>();
    run.rows().forEach((path, row) -> rows.add(row(path, row)));
    run.groupRows().forEach((path, group) -> rows.add(stats(path, group, group.all())));
    rows.sort(Comparator.comparing(Summary.RowStats::name));
    return rows;
  }

  /**
   * A row's counts, and its times of the OK requests only (of all when none was OK): a failed reply's rows carry the
   * time until it failed, so a fast 429 would otherwise flatter the TTFT of the replies that came.
   */
  Summary.RowStats row(List<String> path, RowTally row) {
    return stats(path, row, row.ok().isEmpty() ? row.all() : row.ok());
  }

  private Summary.RowStats stats(List<String> path, RowTally row, Durations times) {
    return new Summary.RowStats(path, row.count(), row.count() - row.ko(), row.ko(), row.errorPercent(), times.min(),
        times.mean(), times.percentile(50), times.percentile(75), times.percentile(95), times.percentile(99),
        times.max(), row.count() / run.seconds());
  }
}
