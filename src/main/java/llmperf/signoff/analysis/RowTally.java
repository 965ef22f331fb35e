package llmperf.signoff.analysis;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One report row, or the requests of several rows taken together: counts, the times of its OK and of its failed
 * requests, and its failures by cause ({@link llmperf.metrics.ErrorClass#causeOf}).
 */
final class RowTally {

  private final Durations ok = new Durations();
  private final Durations failed = new Durations();
  private final Map<String, Long> causes = new LinkedHashMap<>();

  void add(long durationMs, boolean isOk, String cause) {
    if (isOk) {
      ok.add(durationMs);
    } else {
      failed.add(durationMs);
      causes.merge(cause, 1L, Long::sum);
    }
  }

  void addAll(RowTally other) {
    ok.addAll(other.ok);
    failed.addAll(other.failed);
    other.causes.forEach((cause, count) -> causes.merge(cause, count, Long::sum));
  }

  long count() {
    return ok.count() + failed.count();
  }

  long ko() {
    return failed.count();
  }

  double errorPercent() {
    return count() == 0 ? 0 : 100.0 * ko() / count();
  }

  /** The times of the OK requests. */
  Durations ok() {
    return ok;
  }

  /** The times of every request, OK or not. */
  Durations all() {
    Durations all = new Durations();
    all.addAll(ok);
    all.addAll(failed);
    return all;
  }

  /** Failures by cause, in the order each cause first failed a request. */
  Map<String, Long> causes() {
    return causes;
  }
}
