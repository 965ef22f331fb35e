package llmperf.signoff.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import llmperf.metrics.RowNames;
import llmperf.profiles.Profiles;
import llmperf.signoff.log.RequestRecord;
import llmperf.signoff.log.RunLog;
import llmperf.signoff.log.UserRecord;

/**
 * A run's log indexed for the analyses: its measured records (the warm-up's left out), their time span, and the
 * request records by report path.
 */
final class RunRecords {

  /** The log without the warm-up's records. */
  final RunLog log;
  /** When the measured load started: the run's start, or the first measured user's after a warm-up. */
  final long start;
  final long end;
  /** Requests a user saw in the warm-up (a reply once), left out of every analysis with all their rows. */
  final long warmUpRequests;
  private final Map<List<String>, List<RequestRecord>> byPath = new LinkedHashMap<>();

  RunRecords(RunLog whole) {
    this.log = new RunLog(whole.simulationClassName(), whole.simulationId(), whole.runStartEpochMs(),
        whole.requests().stream().filter(r -> !inWarmUp(r.groups())).toList(),
        whole.groups().stream().filter(g -> !inWarmUp(g.groups())).toList(),
        whole.users().stream().filter(u -> !u.scenario().equals(Profiles.WarmUp.GROUP)).toList());
    this.warmUpRequests = whole.requests().stream().filter(r -> inWarmUp(r.groups()) && isUserRequest(r)).count();
    boolean warmedUp = log.users().size() < whole.users().size();
    this.start = warmedUp
        ? log.users().stream().mapToLong(UserRecord::timestampEpochMs).min().orElse(whole.runStartEpochMs())
        : whole.runStartEpochMs();
    this.end = log.requests().stream().mapToLong(RequestRecord::endEpochMs).max().orElse(start);
    for (RequestRecord request : log.requests()) {
      byPath.computeIfAbsent(pathOf(request), path -> new ArrayList<>()).add(request);
    }
  }

  private static boolean inWarmUp(List<String> groups) {
    return !groups.isEmpty() && groups.get(0).equals(Profiles.WarmUp.GROUP);
  }

  /** Every report path that has requests, in the order they first appear in the log. */
  Map<List<String>, List<RequestRecord>> byPath() {
    return byPath;
  }

  List<RequestRecord> at(List<String> path) {
    return byPath.getOrDefault(path, List.of());
  }

  /**
   * The requests a user sees (REST calls, and each streamed reply once, by its end-to-end row) whose groups start
   * with {@code groupPrefix}: what the error rate counts.
   */
  List<RequestRecord> userRequestsUnder(List<String> groupPrefix) {
    return log.requests().stream().filter(RunRecords::isUserRequest)
        .filter(r -> r.groups().size() >= groupPrefix.size()
            && r.groups().subList(0, groupPrefix.size()).equals(groupPrefix))
        .toList();
  }

  static boolean isUserRequest(RequestRecord request) {
    return !RowNames.isPartOfAReply(request.name());
  }

  /** The run's length in seconds, at least 1 ms. */
  double seconds() {
    return Math.max(1, end - start) / 1000.0;
  }

  static List<String> pathOf(RequestRecord request) {
    return with(request.groups(), request.name());
  }

  static List<String> with(List<String> prefix, String name) {
    List<String> path = new ArrayList<>(prefix);
    path.add(name);
    return path;
  }

  /** The durations of the OK records, sorted. */
  static long[] okDurations(List<RequestRecord> records) {
    return records.stream().filter(RequestRecord::ok).mapToLong(RequestRecord::durationMs).sorted().toArray();
  }

  static long[] durations(List<RequestRecord> records) {
    return records.stream().mapToLong(RequestRecord::durationMs).sorted().toArray();
  }
}
