package llmperf.signoff;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import llmperf.budgets.BudgetAssertions;
import llmperf.config.Budget;
import llmperf.metrics.AudioMeasurement;
import llmperf.metrics.AudioTransfer;
import llmperf.metrics.StreamMeasurement;
import llmperf.metrics.StreamTally;
import llmperf.signoff.log.GroupRecord;
import llmperf.signoff.log.Percentiles;
import llmperf.signoff.log.RequestRecord;
import llmperf.signoff.log.RunLog;

/**
 * Judges a run from its simulation.log the way Gatling judged its assertions (same rows, same percentiles,
 * strict "less than"), and adds what Gatling cannot: windows, recovery, drift, breaking point, baseline deltas.
 */
final class Analysis {

  /** Fewer samples than this in the baseline and a row is not compared: its p95 is too noisy to judge. */
  static final int MIN_BASELINE_SAMPLES = 30;
  static final int MIN_WINDOW_SAMPLES = 5;

  private final RunLog log;
  private final RunPlan plan;
  private final long start;
  private final long end;
  private final Map<List<String>, List<RequestRecord>> byPath = new LinkedHashMap<>();

  Analysis(RunLog log, RunPlan plan) {
    this.log = log;
    this.plan = plan;
    this.start = log.runStartEpochMs();
    this.end = log.requests().stream().mapToLong(RequestRecord::endEpochMs).max().orElse(start);
    for (RequestRecord request : log.requests()) {
      byPath.computeIfAbsent(pathOf(request), path -> new ArrayList<>()).add(request);
    }
  }

  Summary summarize(String gitCommit, Baseline baseline) {
    List<Summary.BudgetResult> budgets = new ArrayList<>();
    for (BudgetAssertions.Check check : plan.checks()) {
      budgets.add(judge(check, log.requests(), log.groups()));
    }
    if (plan.expectedJourneys() > 0) {
      budgets.add(throughput());
    }
    List<Summary.Window> windows = windows();
    Summary.Phases phases = new Summary.Phases(recovery(windows), drift(windows), breakingPoint());
    List<String> reasons = new ArrayList<>();
    budgets.stream().filter(b -> !b.passed())
        .forEach(b -> reasons.add(b.key() + " on " + b.path() + ": " + actualText(b) + " (limit " + limitText(b) + ")"));
    if (phases.recovery() != null && !phases.recovery().passed()) {
      reasons.add("spike recovery: " + (phases.recovery().recoveryMs() == null ? "never recovered"
          : phases.recovery().recoveryMs() + " ms") + " (limit " + phases.recovery().budgetMs() + " ms)");
    }
    if (phases.drift() != null && !phases.drift().passed()) {
      reasons.add(String.format("soak drift: p95 %+.1f %% from first to last window (limit %.0f %%)",
          phases.drift().p95ChangePercent(), phases.drift().thresholdPercent()));
    }
    Summary.Run run = new Summary.Run(plan.simulation(), plan.scale(), plan.target(), gitCommit, start, end,
        "index.html");
    return new Summary(run, reasons.isEmpty(), reasons, budgets, rows(), streaming(), audio(), compare(baseline),
        windows, phases);
  }

  // ---- budgets, judged like Gatling's assertions

  private Summary.BudgetResult judge(BudgetAssertions.Check check, List<RequestRecord> requests,
      List<GroupRecord> groups) {
    Budget budget = check.budget();
    Double actual;
    if (budget.scope().get(0).equals("all") && check.path().isEmpty()) {
      actual = requests.isEmpty() ? null : 100.0 * requests.stream().filter(r -> !r.ok()).count() / requests.size();
    } else if (budget.scope().get(0).equals("all")) {
      List<GroupRecord> inGroup = groups.stream().filter(g -> g.groups().equals(check.path())).toList();
      actual = inGroup.isEmpty() ? null : 100.0 * inGroup.stream().filter(g -> !g.ok()).count() / inGroup.size();
    } else {
      List<RequestRecord> rows = requests.stream().filter(r -> pathOf(r).equals(check.path())).toList();
      actual = rows.isEmpty() ? null : (double) statistic(budget.statistic(), durations(rows));
    }
    boolean passed = actual != null && actual < budget.limit();
    return new Summary.BudgetResult(budget.key(), check.pathText(), budget.statistic(), budget.limit(), actual,
        budget.isLatency() ? "ms" : "%", passed);
  }

  private Summary.BudgetResult throughput() {
    long journeys = log.groups().stream().filter(g -> g.groups().size() == 1).count();
    double percent = 100.0 * journeys / plan.expectedJourneys();
    double limit = plan.minThroughputPercent();
    return new Summary.BudgetResult("budgets.steady.min-throughput-percent",
        "completed journeys / " + plan.expectedJourneys() + " expected at the target rate", "min", limit, percent, "%",
        percent >= limit);
  }

  static long statistic(String name, long[] sorted) {
    return switch (name) {
      case "max" -> sorted[sorted.length - 1];
      case "min" -> sorted[0];
      case "mean" -> Math.round(Arrays.stream(sorted).average().orElse(0));
      default -> Percentiles.of(sorted, Double.parseDouble(name.substring(1)))[0];
    };
  }

  // ---- rows

  private List<Summary.RowStats> rows() {
    List<Summary.RowStats> rows = new ArrayList<>();
    byPath.forEach((path, records) -> rows.add(rowStats(path, records)));
    Map<List<String>, List<GroupRecord>> groups = new LinkedHashMap<>();
    log.groups().forEach(g -> groups.computeIfAbsent(g.groups(), k -> new ArrayList<>()).add(g));
    groups.forEach((path, records) -> rows.add(groupStats(path, records)));
    rows.sort(Comparator.comparing(Summary.RowStats::name));
    return rows;
  }

  Summary.RowStats rowStats(List<String> path, List<RequestRecord> records) {
    long ko = records.stream().filter(r -> !r.ok()).count();
    return stats(path, durations(records), ko);
  }

  private Summary.RowStats groupStats(List<String> path, List<GroupRecord> records) {
    long[] times = records.stream().mapToLong(GroupRecord::cumulatedResponseTimeMs).sorted().toArray();
    return stats(path, times, records.stream().filter(g -> !g.ok()).count());
  }

  private Summary.RowStats stats(List<String> path, long[] sorted, long ko) {
    long count = sorted.length;
    long[] p = Percentiles.of(sorted, 50, 75, 95, 99);
    double seconds = Math.max(1, end - start) / 1000.0;
    return new Summary.RowStats(path, count, count - ko, ko, count == 0 ? 0 : 100.0 * ko / count, sorted[0],
        statistic("mean", sorted), p[0], p[1], p[2], p[3], sorted[sorted.length - 1], count / seconds);
  }

  private static long[] durations(List<RequestRecord> records) {
    return records.stream().mapToLong(RequestRecord::durationMs).sorted().toArray();
  }

  private static List<String> pathOf(RequestRecord request) {
    List<String> path = new ArrayList<>(request.groups());
    path.add(request.name());
    return path;
  }

  // ---- streaming

  private List<Summary.Streaming> streaming() {
    List<Summary.Streaming> journeys = new ArrayList<>();
    for (List<String> path : byPath.keySet()) {
      if (!path.get(path.size() - 1).equals(StreamMeasurement.TTFT)) {
        continue;
      }
      List<String> journey = path.subList(0, path.size() - 1);
      List<RequestRecord> ttft = byPath.get(path);
      List<RequestRecord> endToEnd = byPath.getOrDefault(with(journey, StreamMeasurement.END_TO_END), List.of());
      List<RequestRecord> itl = byPath.getOrDefault(with(journey, StreamMeasurement.ITL), List.of());
      List<RequestRecord> gaps = byPath.getOrDefault(with(journey, StreamMeasurement.INTER_CHUNK), List.of());
      if (endToEnd.isEmpty() || itl.isEmpty() || gaps.isEmpty()) {
        continue;
      }
      String name = String.join(" / ", journey);
      StreamTally tally = plan.streamTallies().getOrDefault(name, new StreamTally());
      long outputTokens = tally.outputTokens();
      journeys.add(new Summary.Streaming(name, endToEnd.size(),
          endToEnd.stream().filter(r -> !r.ok()).count(),
          rowStats(path, ttft), rowStats(with(journey, StreamMeasurement.INTER_CHUNK), gaps),
          rowStats(with(journey, StreamMeasurement.ITL), itl),
          rowStats(with(journey, StreamMeasurement.END_TO_END), endToEnd),
          medianPerSecond(itl, 1),
          goodReplies(journey, ttft, endToEnd) / runSeconds(), outputTokens, outputTokens / runSeconds(),
          new Summary.ChunkGaps(tally.gaps(), tally.gapPercentileMs(50), tally.gapPercentileMs(95),
              tally.gapPercentileMs(99), tally.maxGapMs())));
    }
    return journeys;
  }

  /**
   * The median rate of rows that each time one {@code unit} (a token for ITL, a KiB for the audio pace): unit
   * per row duration, per second, over the OK rows; 0 when none.
   */
  private static double medianPerSecond(List<RequestRecord> rows, double unit) {
    long[] perSecond = rows.stream().filter(r -> r.ok() && r.durationMs() > 0)
        .mapToLong(r -> Math.round(unit * 1000.0 / r.durationMs())).sorted().toArray();
    return perSecond.length == 0 ? 0 : Percentiles.of(perSecond, 50)[0];
  }

  private double runSeconds() {
    return Math.max(1, end - start) / 1000.0;
  }

  private List<Summary.Audio> audio() {
    List<Summary.Audio> journeys = new ArrayList<>();
    for (List<String> path : byPath.keySet()) {
      if (!path.get(path.size() - 1).equals(AudioMeasurement.FIRST_AUDIO_BYTE)) {
        continue;
      }
      List<String> journey = path.subList(0, path.size() - 1);
      List<RequestRecord> firstByte = byPath.get(path);
      List<RequestRecord> pace = byPath.getOrDefault(with(journey, AudioMeasurement.AUDIO_MS_PER_KIB), List.of());
      journeys.add(new Summary.Audio(String.join(" / ", journey), firstByte.size(),
          firstByte.stream().filter(r -> !r.ok()).count(), rowStats(path, firstByte),
          rowStats(with(journey, AudioMeasurement.AUDIO_MS_PER_KIB), pace),
          medianPerSecond(pace, AudioTransfer.KIB)));
    }
    return journeys;
  }

  /** OK replies whose own TTFT and end-to-end are within the journey's p95 budgets (their rows share t0). */
  private long goodReplies(List<String> journey, List<RequestRecord> ttft, List<RequestRecord> endToEnd) {
    double ttftLimit = limitFor(with(journey, StreamMeasurement.TTFT));
    double endToEndLimit = limitFor(with(journey, StreamMeasurement.END_TO_END));
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

  private double limitFor(List<String> path) {
    return plan.checks().stream()
        .filter(c -> c.path().equals(path) && c.budget().statistic().equals("p95")
            && !c.budget().key().startsWith("budgets.regression"))
        .mapToDouble(c -> c.budget().limit()).min().orElse(Double.MAX_VALUE);
  }

  private static List<String> with(List<String> prefix, String name) {
    List<String> path = new ArrayList<>(prefix);
    path.add(name);
    return path;
  }

  // ---- windows and phases

  private List<Summary.Window> windows() {
    List<Summary.Window> windows = new ArrayList<>();
    long width = Math.max(1000, plan.windowMs());
    for (long from = start; from < end; from += width) {
      long windowStart = from;
      long windowEnd = Math.min(from + width, end + 1);
      Predicate<RequestRecord> inside = r -> r.endEpochMs() >= windowStart && r.endEpochMs() < windowEnd;
      List<RequestRecord> requests = log.requests().stream().filter(inside).toList();
      if (requests.isEmpty()) {
        windows.add(new Summary.Window(windowStart - start, windowEnd - start, 0, 0, 0, 0, 0, true));
        continue;
      }
      long ko = requests.stream().filter(r -> !r.ok()).count();
      long[] p = Percentiles.of(durations(requests), 50, 95);
      boolean within = plan.windowChecks().stream().allMatch(check -> withinBudget(check, requests));
      windows.add(new Summary.Window(windowStart - start, windowEnd - start, requests.size(), ko,
          100.0 * ko / requests.size(), p[0], p[1], within));
    }
    return windows;
  }

  /**
   * A window is within budget when its error rate and the p95 budgets hold, whatever phase group (a stair, the
   * window after a spike) its requests ran in; a row with fewer than {@link #MIN_WINDOW_SAMPLES} samples in the
   * window says nothing about its p95 and is left out.
   */
  private static boolean withinBudget(BudgetAssertions.Check check, List<RequestRecord> window) {
    Budget budget = check.budget();
    if (check.path().isEmpty()) {
      return 100.0 * window.stream().filter(r -> !r.ok()).count() / window.size() < budget.limit();
    }
    if (!budget.statistic().equals("p95")) {
      return true;
    }
    long[] samples = window.stream().filter(r -> endsWith(pathOf(r), check.path()))
        .mapToLong(RequestRecord::durationMs).sorted().toArray();
    return samples.length < MIN_WINDOW_SAMPLES || statistic("p95", samples) < budget.limit();
  }

  private static boolean endsWith(List<String> path, List<String> suffix) {
    return path.size() >= suffix.size() && path.subList(path.size() - suffix.size(), path.size()).equals(suffix);
  }

  private Summary.Phases.Recovery recovery(List<Summary.Window> windows) {
    if (plan.spike() == null) {
      return null;
    }
    long peakEnd = plan.spike().peakEndOffsetMs();
    Long recovered = windows.stream()
        .filter(w -> w.startOffsetMs() >= peakEnd && w.count() > 0 && w.withinBudget())
        .map(w -> w.startOffsetMs() - peakEnd)
        .findFirst().orElse(null);
    return new Summary.Phases.Recovery(peakEnd, recovered, plan.spike().allowedRecoveryMs(),
        recovered != null && recovered <= plan.spike().allowedRecoveryMs());
  }

  private Summary.Phases.Drift drift(List<Summary.Window> windows) {
    List<Summary.Window> full = windows.stream()
        .filter(w -> w.endOffsetMs() - w.startOffsetMs() >= plan.windowMs() && w.count() > 0).toList();
    if (!plan.soak() || full.size() < 2) {
      return null;
    }
    Summary.Window first = full.get(0);
    Summary.Window last = full.get(full.size() - 1);
    double change = first.p95() == 0 ? 0 : 100.0 * (last.p95() - first.p95()) / first.p95();
    double hours = (last.startOffsetMs() - first.startOffsetMs()) / 3_600_000.0;
    double errorBudget = plan.checks().stream().filter(c -> c.path().isEmpty())
        .mapToDouble(c -> c.budget().limit()).findFirst().orElse(100);
    boolean passed = change <= plan.apiThresholdPercent() && last.errorPercent() < errorBudget;
    return new Summary.Phases.Drift(first, last, change, hours == 0 ? 0 : change / hours,
        last.errorPercent() - first.errorPercent(), plan.apiThresholdPercent(), passed);
  }

  private Summary.Phases.BreakingPoint breakingPoint() {
    if (plan.stairs().isEmpty()) {
      return null;
    }
    List<Summary.Phases.BreakingPoint.Stair> stairs = new ArrayList<>();
    RunPlan.Stair lastGood = null;
    String brokeBy = null;
    for (RunPlan.Stair stair : plan.stairs()) {
      List<RequestRecord> requests = log.requests().stream()
          .filter(r -> !r.groups().isEmpty() && r.groups().get(0).equals(stair.group())).toList();
      List<String> failed = stair.checks().stream().map(c -> judge(c, log.requests(), log.groups()))
          .filter(b -> !b.passed()).map(b -> b.key() + " (" + b.path() + ")").toList();
      long ko = requests.stream().filter(r -> !r.ok()).count();
      stairs.add(new Summary.Phases.BreakingPoint.Stair(stair.group(), stair.ratePerSec(), requests.size(),
          requests.isEmpty() ? 0 : 100.0 * ko / requests.size(),
          requests.isEmpty() ? 0 : Percentiles.of(durations(requests), 95)[0], failed));
      if (failed.isEmpty() && brokeBy == null) {
        lastGood = stair;
      } else if (brokeBy == null) {
        brokeBy = causeOf(failed, requests);
      }
    }
    return new Summary.Phases.BreakingPoint(stairs, lastGood == null ? null : lastGood.group(),
        lastGood == null ? null : lastGood.ratePerSec(), brokeBy == null ? "did not break" : brokeBy,
        graceful());
  }

  private static String causeOf(List<String> failed, List<RequestRecord> requests) {
    long rejections = requests.stream().filter(r -> !r.ok() && isRejection(r.message())).count();
    boolean errors = failed.stream().anyMatch(f -> f.contains("error-rate"));
    if (errors && rejections > 0) {
      return "errors (" + rejections + " rejections: 429/503)";
    }
    return errors ? "errors" : "latency";
  }

  /** Failures were fast rejections (429/503), not timeouts or dropped connections. */
  private boolean graceful() {
    return log.requests().stream().filter(r -> !r.ok())
        .noneMatch(r -> r.message() != null && r.message().toLowerCase().matches(".*(timeout|timed out|closed|reset).*"));
  }

  private static boolean isRejection(String message) {
    return message != null && (message.contains("429") || message.contains("503"));
  }

  // ---- baseline

  private Summary.Comparison compare(Baseline baseline) {
    if (baseline == null) {
      return new Summary.Comparison(null, "no baseline", "store one with the baseline command (README: Release sign-off)",
          List.of());
    }
    List<Summary.Comparison.Delta> deltas = new ArrayList<>();
    List<String> noisy = new ArrayList<>();
    Set<List<String>> budgeted = new HashSet<>();
    plan.checks().stream().filter(c -> c.budget().isLatency()).forEach(c -> budgeted.add(c.path()));
    for (Baseline.Row base : baseline.rows()) {
      List<RequestRecord> current = byPath.get(base.path());
      if (current == null || base.count() < MIN_BASELINE_SAMPLES || !budgeted.contains(base.path())) {
        continue;
      }
      if (current.size() < MIN_BASELINE_SAMPLES) {
        noisy.add(String.join(" / ", base.path()));
      }
      long p95 = statistic("p95", durations(current));
      double threshold = thresholdFor(base.path());
      long allowed = Baseline.allowedP95(base.p95(), threshold);
      deltas.add(new Summary.Comparison.Delta(String.join(" / ", base.path()), base.p95(), p95,
          base.p95() == 0 ? 0 : 100.0 * (p95 - base.p95()) / base.p95(), threshold, p95 > allowed));
    }
    String status = deltas.isEmpty() ? "not comparable" : "compared";
    String note = deltas.isEmpty()
        ? "no row had " + MIN_BASELINE_SAMPLES + " samples in both runs: the runs are too short to compare"
        : noisy.isEmpty() ? "baseline from " + baseline.savedFrom()
        : "few samples (under " + MIN_BASELINE_SAMPLES + ") in this run, p95 is noisy for: " + String.join(", ", noisy);
    return new Summary.Comparison(baseline.file(), status, note, deltas);
  }

  double thresholdFor(List<String> path) {
    return plan.apiRows().contains(path) ? plan.apiThresholdPercent() : plan.mlThresholdPercent();
  }

  private static String actualText(Summary.BudgetResult budget) {
    return budget.actual() == null ? "never ran" : String.format("%.1f %s", budget.actual(), budget.unit());
  }

  private static String limitText(Summary.BudgetResult budget) {
    return String.format("%.0f %s", budget.limit(), budget.unit());
  }
}
