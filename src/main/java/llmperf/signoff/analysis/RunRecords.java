package llmperf.signoff.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import llmperf.signoff.log.RequestRecord;
import llmperf.signoff.log.RunLog;

/** A run's log indexed for the analyses: its time span and its request records by report path. */
final class RunRecords {

  final RunLog log;
  final long start;
  final long end;
  private final Map<List<String>, List<RequestRecord>> byPath = new LinkedHashMap<>();

  RunRecords(RunLog log) {
    this.log = log;
    this.start = log.runStartEpochMs();
    this.end = log.requests().stream().mapToLong(RequestRecord::endEpochMs).max().orElse(start);
    for (RequestRecord request : log.requests()) {
      byPath.computeIfAbsent(pathOf(request), path -> new ArrayList<>()).add(request);
    }
  }

  /** Every report path that has requests, in the order they first appear in the log. */
  Map<List<String>, List<RequestRecord>> byPath() {
    return byPath;
  }

  List<RequestRecord> at(List<String> path) {
    return byPath.getOrDefault(path, List.of());
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

  static long[] durations(List<RequestRecord> records) {
    return records.stream().mapToLong(RequestRecord::durationMs).sorted().toArray();
  }
}
