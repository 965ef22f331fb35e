package llmperf.signoff.analysis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import llmperf.metrics.ErrorClass;
import llmperf.metrics.RowNames;
import llmperf.profiles.Profiles;
import llmperf.safety.SecretMasking;
import llmperf.signoff.log.GroupRecord;
import llmperf.signoff.log.LogHeader;
import llmperf.signoff.log.RecordListener;
import llmperf.signoff.log.RequestRecord;
import llmperf.signoff.log.UserRecord;

/**
 * Everything the analyses need of a run's log, gathered in one pass with memory bounded by the rows, windows and
 * distinct millisecond values, not by the records: per report row its counts and exact times, per window of the
 * plan's width the requests a user saw and each row's OK times, the spike's surge, the failures by cause. The
 * warm-up's records are counted and left out.
 */
final class RunTally implements RecordListener {

  /** The failures are classed per distinct message; past this many distinct messages each is classed anew. */
  private static final int CLASSED_MESSAGES = 10_000;
  private static final int EXAMPLE_LENGTH = 160;

  /** One window: the requests a user saw that ended in it, and each row's OK times. */
  static final class Window {
    final RowTally userRequests = new RowTally();
    final Map<List<String>, Durations> okByPath = new HashMap<>();
  }

  /** A cause of failure: the requests a user saw that failed of it, and the first one's message. */
  record Cause(long count, String example) {}

  final long windowMs;
  private final RunPlan.Spike spike;
  private long runStart;
  private boolean warmUpSeen;
  private Long measuredStart;
  private long end = Long.MIN_VALUE;
  private long warmUpRequests;
  private long okJourneys;
  private final Map<List<String>, RowTally> rows = new LinkedHashMap<>();
  private final Map<List<String>, RowTally> groupRows = new LinkedHashMap<>();
  private final List<Window> windows = new ArrayList<>();
  private final RowTally surge = new RowTally();
  private final RowTally userRequests = new RowTally();
  private final Map<String, Cause> causes = new LinkedHashMap<>();
  private final Map<String, String> causeOfMessage = new HashMap<>();
  /** A scalability step's planned length, by its group; its OK user requests that ended within it from its start. */
  private final Map<String, Long> stepLengths = new HashMap<>();
  private final Map<String, long[]> stepCounts = new HashMap<>();

  /**
   * @param spike the surge whose requests are counted apart, or null
   * @param scaling the scalability steps whose throughput is counted over their planned length, or null
   */
  RunTally(long windowMs, RunPlan.Spike spike, RunPlan.Scaling scaling) {
    this.windowMs = Math.max(1000, windowMs);
    this.spike = spike;
    if (scaling != null) {
      stepLengths.put(scaling.lowGroup(), scaling.lowDurationMs());
      stepLengths.put(scaling.highGroup(), scaling.highDurationMs());
    }
  }

  @Override
  public void run(LogHeader header) {
    runStart = header.runStartEpochMs();
  }

  @Override
  public void user(UserRecord user) {
    if (user.scenario().equals(Profiles.WarmUp.GROUP)) {
      warmUpSeen = true;
    } else if (measuredStart == null) {
      measuredStart = warmUpSeen ? user.timestampEpochMs() : runStart;
    }
  }

  @Override
  public void group(GroupRecord group) {
    if (inWarmUp(group.groups())) {
      return;
    }
    groupRows.computeIfAbsent(group.groups(), path -> new RowTally())
        .add(group.cumulatedResponseTimeMs(), group.ok(), null);
    if (group.groups().size() == 1 && group.ok()) {
      okJourneys++;
    }
  }

  @Override
  public void request(RequestRecord request) {
    boolean userRequest = isUserRequest(request.name());
    if (inWarmUp(request.groups())) {
      warmUpRequests += userRequest ? 1 : 0;
      return;
    }
    if (measuredStart == null) {
      measuredStart = warmUpSeen ? request.startEpochMs() : runStart;
    }
    end = Math.max(end, request.endEpochMs());
    if (userRequest && request.ok() && !request.groups().isEmpty()) {
      countInStep(request);
    }
    String cause = request.ok() ? null : causeOf(request.message());
    List<String> path = with(request.groups(), request.name());
    rows.computeIfAbsent(path, p -> new RowTally()).add(request.durationMs(), request.ok(), cause);
    Window window = windowOf(request.endEpochMs());
    if (window != null && request.ok()) {
      window.okByPath.computeIfAbsent(path, p -> new Durations()).add(request.durationMs());
    }
    if (!userRequest) {
      return;
    }
    userRequests.add(request.durationMs(), request.ok(), cause);
    if (window != null) {
      window.userRequests.add(request.durationMs(), request.ok(), cause);
    }
    long startOffset = request.startEpochMs() - start();
    if (spike != null && startOffset >= spike.surgeStartOffsetMs() && startOffset < spike.surgeEndOffsetMs()) {
      surge.add(request.durationMs(), request.ok(), cause);
    }
    if (cause != null) {
      Cause seen = causes.get(cause);
      causes.put(cause, seen == null ? new Cause(1, example(request.message())) : new Cause(seen.count + 1, seen.example));
    }
  }

  /**
   * A step starts with its first request (its users all start at once), and its throughput is counted over its
   * planned length from there: the journeys still running after it would lower the high step's more, theirs
   * being longer.
   */
  private void countInStep(RequestRecord request) {
    Long length = stepLengths.get(request.groups().get(0));
    if (length == null) {
      return;
    }
    long[] step = stepCounts.computeIfAbsent(request.groups().get(0), g -> new long[] {request.startEpochMs(), 0});
    if (request.endEpochMs() >= step[0] && request.endEpochMs() < step[0] + length) {
      step[1]++;
    }
  }

  private Window windowOf(long endEpochMs) {
    long offset = endEpochMs - start();
    if (offset < 0) {
      return null;
    }
    int index = Math.toIntExact(offset / windowMs);
    while (windows.size() <= index) {
      windows.add(new Window());
    }
    return windows.get(index);
  }

  private String causeOf(String message) {
    String key = message == null ? "" : message;
    String cause = causeOfMessage.get(key);
    if (cause == null) {
      cause = ErrorClass.causeOf(message);
      if (causeOfMessage.size() < CLASSED_MESSAGES) {
        causeOfMessage.put(key, cause);
      }
    }
    return cause;
  }

  private static String example(String message) {
    if (message == null) {
      return "";
    }
    String masked = SecretMasking.mask(message);
    return masked.length() <= EXAMPLE_LENGTH ? masked : masked.substring(0, EXAMPLE_LENGTH) + "...";
  }

  private static boolean inWarmUp(List<String> groups) {
    return !groups.isEmpty() && groups.get(0).equals(Profiles.WarmUp.GROUP);
  }

  /**
   * Sets when the measured load started instead of finding it in the log: several load generators' logs read into
   * one tally share the earliest of their starts, so that their windows fall on one clock.
   */
  void measuredFrom(long epochMs) {
    measuredStart = epochMs;
  }

  /** When the measured load started: the run's start, or the first measured user's after a warm-up. */
  long start() {
    return measuredStart == null ? runStart : measuredStart;
  }

  /** When the last measured request ended; the start when none did. */
  long end() {
    return end == Long.MIN_VALUE ? start() : end;
  }

  /** Requests a user saw in the warm-up (a reply once), left out of every analysis with all their rows. */
  long warmUpRequests() {
    return warmUpRequests;
  }

  /** Journeys (top-level groups) that completed without an error. */
  long okJourneys() {
    return okJourneys;
  }

  /** The run's length in seconds, at least 1 ms. */
  double seconds() {
    return Math.max(1, end() - start()) / 1000.0;
  }

  /** Every report path that has requests, in the order they first appear in the log. */
  Map<List<String>, RowTally> rows() {
    return rows;
  }

  /** Every group row, in the order its first execution ended. */
  Map<List<String>, RowTally> groupRows() {
    return groupRows;
  }

  /** A request row; empty when the run has none of it. */
  RowTally at(List<String> path) {
    return rows.getOrDefault(path, new RowTally());
  }

  /**
   * The requests a user sees (REST calls, and each streamed reply once, by its end-to-end row) whose groups start
   * with {@code groupPrefix}: what the error rate counts.
   */
  RowTally userRequestsUnder(List<String> groupPrefix) {
    if (groupPrefix.isEmpty()) {
      return userRequests;
    }
    RowTally under = new RowTally();
    rows.forEach((path, row) -> {
      if (isUserRequest(path.get(path.size() - 1)) && path.size() > groupPrefix.size()
          && path.subList(0, groupPrefix.size()).equals(groupPrefix)) {
        under.addAll(row);
      }
    });
    return under;
  }

  /** A scalability step's OK user requests per second of its planned length; 0 when it had none. */
  double stepThroughput(String group) {
    long[] step = stepCounts.get(group);
    return step == null ? 0 : step[1] * 1000.0 / stepLengths.get(group);
  }

  /** The user requests that started in the spike's surge (empty without a spike). */
  RowTally surge() {
    return surge;
  }

  /** The windows from the start, each {@link #windowMs} wide; the last ends with the run. */
  List<Window> windows() {
    return windows;
  }

  /** The failed requests a user saw, by cause, in the order each cause first appeared. */
  Map<String, Cause> causes() {
    return causes;
  }

  static boolean isUserRequest(String rowName) {
    return !RowNames.isPartOfAReply(rowName);
  }

  static List<String> with(List<String> prefix, String name) {
    List<String> path = new ArrayList<>(prefix.size() + 1);
    path.addAll(prefix);
    path.add(name);
    return path;
  }
}
