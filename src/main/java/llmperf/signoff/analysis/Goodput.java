package llmperf.signoff.analysis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import llmperf.budgets.BudgetCheck;
import llmperf.metrics.RowNames;
import llmperf.signoff.log.RequestRecord;

/** Replies that were OK and met their journey's TTFT and end-to-end p95 budgets. */
final class Goodput {

  private final List<BudgetCheck> checks;

  Goodput(List<BudgetCheck> checks) {
    this.checks = checks;
  }

  /** OK replies whose own TTFT and end-to-end are within the journey's p95 budgets (their rows share t0). */
  long goodReplies(List<String> journey, List<RequestRecord> ttft, List<RequestRecord> endToEnd) {
    double ttftLimit = BudgetCheck.p95Limit(checks, RunRecords.with(journey, RowNames.TTFT));
    double endToEndLimit = BudgetCheck.p95Limit(checks, RunRecords.with(journey, RowNames.END_TO_END));
    Map<Long, List<Long>> ttftBySentAt = new HashMap<>();
    ttft.forEach(r -> ttftBySentAt.computeIfAbsent(r.startEpochMs(), k -> new ArrayList<>()).add(r.durationMs()));
    long good = 0;
    for (RequestRecord reply : endToEnd) {
      List<Long> candidates = ttftBySentAt.getOrDefault(reply.startEpochMs(), List.of());
      if (reply.ok() && reply.durationMs() < endToEndLimit && !candidates.isEmpty()
          && candidates.remove(0) < ttftLimit) {
        good++;
      }
    }
    return good;
  }
}
