package llmperf.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import llmperf.clock.MonotonicClock;

/**
 * How faithfully an open-model run kept its schedule: each journey's start against when its injection profile made
 * it due (schedule delay), journeys started per window against those due, and the first reply of each journey timed
 * from when the journey was due, so that a generator stall cannot hide behind replies timed from when they left.
 *
 * <p>Gatling keeps no due time on a user: it is the scenario's planned offset of the user (in Gatling's order, which
 * is the order of user ids within one scenario) plus the moment the scenario's injection began, which Gatling does not
 * expose either. That moment is taken as the one that makes the least-late user exactly on time, so delays are a
 * lower bound: a generator late by the same amount for every user from the first on reads 0 (its rate is kept).
 */
public final class ScheduleTally {

  private static final long MS = 1_000_000;
  /** At most about this many rate windows per run; none shorter than a second. */
  private static final int WINDOWS = 100;

  private final Map<String, long[]> plans = new ConcurrentHashMap<>();
  private final Map<String, Map<Long, Long>> starts = new ConcurrentHashMap<>();
  private final Map<Long, Reply> firstReplies = new ConcurrentHashMap<>();
  private final LongSupplier now;

  public ScheduleTally() {
    this(MonotonicClock::epochNanos);
  }

  /** @param now the clock stamps are on (ns), read once to leave out users not due yet when the run stopped */
  ScheduleTally(LongSupplier now) {
    this.now = now;
  }

  /** The planned offsets (ms from the scenario's injection start, Gatling's order) of an open-model scenario. */
  public void plan(String scenario, long[] offsetsMillis) {
    plans.put(scenario, offsetsMillis.clone());
    starts.put(scenario, new ConcurrentHashMap<>());
  }

  /** A user of {@code scenario} began its journey at {@code atNanos}; users of unplanned scenarios are not timed. */
  public void started(String scenario, long userId, long atNanos) {
    Map<Long, Long> ofScenario = starts.get(scenario);
    if (ofScenario != null) {
      ofScenario.putIfAbsent(userId, atNanos);
    }
  }

  /** An OK reply; only the first of each user's journey is timed from when the journey was due. */
  public void replied(String scenario, long userId, String group, long ttftNanos, long endToEndNanos) {
    if (plans.containsKey(scenario)) {
      firstReplies.putIfAbsent(userId, new Reply(group, ttftNanos, endToEndNanos));
    }
  }

  private record Reply(String group, long ttftNanos, long endToEndNanos) {}

  /**
   * @param startMs the window's start, from the first journey due; due and started count the journeys of every
   *     planned scenario in it
   */
  public record Window(long startMs, long durationMs, long due, long started) {}

  /** The first replies of one group's journeys, as measured and from when their journey was due; in ms. */
  public record FromDue(String journey, long replies, double ttftP50, double ttftP95, double ttftFromDueP50,
      double ttftFromDueP95, double endToEndP50, double endToEndP95, double endToEndFromDueP50,
      double endToEndFromDueP95) {}

  /**
   * @param planned journeys due before the run ended; started those that began
   * @param requestedPerSec journeys due per second over the windows; achievedPerSec those started in them
   * @param lowestWindowPercent the lowest window's started against due, the last (partial) window left out
   */
  public record Figures(long planned, long started, double delayP50Ms, double delayP99Ms, double delayMaxMs,
      double requestedPerSec, double achievedPerSec, double lowestWindowPercent, List<Window> windows,
      List<FromDue> fromDue) {}

  /** The run's figures, or null when no open-model scenario was planned. */
  public Figures figures() {
    if (plans.isEmpty()) {
      return null;
    }
    long end = now.getAsLong();
    List<Long> dues = new ArrayList<>();
    List<Long> begun = new ArrayList<>();
    List<Long> delays = new ArrayList<>();
    Map<Long, Long> delayByUser = new HashMap<>();
    plans.forEach((scenario, offsets) -> {
      long[][] users = byUserId(starts.get(scenario));
      if (users[1].length == 0) {
        return; // nothing began: no moment to place its plan at
      }
      long[] delaysNs = delays(offsets, users[1]);
      long anchor = users[1][0] - offsets[0] * MS - delaysNs[0];
      for (int k = 0; k < offsets.length && (k < users[1].length || anchor + offsets[k] * MS <= end); k++) {
        dues.add(anchor + offsets[k] * MS);
      }
      for (int k = 0; k < delaysNs.length; k++) {
        begun.add(users[1][k]);
        delays.add(delaysNs[k]);
        delayByUser.put(users[0][k], delaysNs[k]);
      }
    });
    long[] sortedDelays = sorted(delays);
    List<Window> windows = windows(sorted(dues), sorted(begun));
    long dueInWindows = windows.stream().mapToLong(Window::due).sum();
    long startedInWindows = windows.stream().mapToLong(Window::started).sum();
    double seconds = windows.stream().mapToLong(Window::durationMs).sum() / 1000.0;
    return new Figures(dues.size(), begun.size(), ms(percentile(sortedDelays, 50)), ms(percentile(sortedDelays, 99)),
        ms(sortedDelays.length == 0 ? 0 : sortedDelays[sortedDelays.length - 1]),
        seconds == 0 ? 0 : dueInWindows / seconds, seconds == 0 ? 0 : startedInWindows / seconds,
        lowestWindowPercent(windows), windows, fromDue(delayByUser));
  }

  /** User ids ([0]) and start stamps ([1]) in user-id order, which is Gatling's injection order in one scenario. */
  private static long[][] byUserId(Map<Long, Long> starts) {
    TreeMap<Long, Long> ordered = new TreeMap<>(starts);
    long[][] users = new long[2][ordered.size()];
    int k = 0;
    for (Map.Entry<Long, Long> user : ordered.entrySet()) {
      users[0][k] = user.getKey();
      users[1][k++] = user.getValue();
    }
    return users;
  }

  /**
   * Each started user's delay (ns) against its planned offset (ms), the k-th user against the k-th offset, from the
   * injection start that puts the least-late user on time. Users beyond the plan are left out.
   */
  static long[] delays(long[] offsetsMillis, long[] startsNanos) {
    int n = Math.min(offsetsMillis.length, startsNanos.length);
    long anchor = Long.MAX_VALUE;
    for (int k = 0; k < n; k++) {
      anchor = Math.min(anchor, startsNanos[k] - offsetsMillis[k] * MS);
    }
    long[] delays = new long[n];
    for (int k = 0; k < n; k++) {
      delays[k] = startsNanos[k] - anchor - offsetsMillis[k] * MS;
    }
    return delays;
  }

  /** Windows from the first journey due to the last, each counting the journeys due and started in it. */
  static List<Window> windows(long[] dues, long[] starts) {
    List<Window> windows = new ArrayList<>();
    if (dues.length == 0) {
      return windows;
    }
    long first = dues[0];
    long span = dues[dues.length - 1] - first + 1;
    long width = Math.max(1000, (span / MS / WINDOWS + 999) / 1000 * 1000) * MS;
    int d = 0;
    int s = 0; // no user starts before it is due, nor before the first due
    for (long from = first; from < first + span; from += width) {
      long to = from + width;
      int d0 = d;
      int s0 = s;
      while (d < dues.length && dues[d] < to) {
        d++;
      }
      while (s < starts.length && starts[s] < to) {
        s++;
      }
      windows.add(new Window((from - first) / MS, width / MS, d - d0, s - s0));
    }
    return windows;
  }

  private static double lowestWindowPercent(List<Window> windows) {
    double lowest = 100;
    for (Window window : windows.subList(0, Math.max(0, windows.size() - 1))) {
      if (window.due() > 0) {
        lowest = Math.min(lowest, 100.0 * window.started() / window.due());
      }
    }
    return lowest;
  }

  private List<FromDue> fromDue(Map<Long, Long> delayByUser) {
    Map<String, List<long[]>> byGroup = new TreeMap<>();
    firstReplies.forEach((user, reply) -> {
      Long delay = delayByUser.get(user);
      if (delay != null) {
        byGroup.computeIfAbsent(reply.group(), g -> new ArrayList<>())
            .add(new long[] {reply.ttftNanos(), reply.endToEndNanos(), delay});
      }
    });
    List<FromDue> fromDue = new ArrayList<>();
    byGroup.forEach((group, replies) -> {
      long[] ttft = sorted(replies.stream().map(r -> r[0]).toList());
      long[] ttftDue = sorted(replies.stream().map(r -> r[0] + r[2]).toList());
      long[] e2e = sorted(replies.stream().map(r -> r[1]).toList());
      long[] e2eDue = sorted(replies.stream().map(r -> r[1] + r[2]).toList());
      fromDue.add(new FromDue(group, replies.size(), ms(percentile(ttft, 50)), ms(percentile(ttft, 95)),
          ms(percentile(ttftDue, 50)), ms(percentile(ttftDue, 95)), ms(percentile(e2e, 50)), ms(percentile(e2e, 95)),
          ms(percentile(e2eDue, 50)), ms(percentile(e2eDue, 95))));
    });
    return fromDue;
  }

  private static long[] sorted(List<Long> values) {
    long[] sorted = values.stream().mapToLong(Long::longValue).toArray();
    Arrays.sort(sorted);
    return sorted;
  }

  /** Nearest rank; 0 when empty. */
  static long percentile(long[] sorted, double percent) {
    if (sorted.length == 0) {
      return 0;
    }
    int rank = (int) Math.max(1, Math.ceil(percent / 100 * sorted.length));
    return sorted[rank - 1];
  }

  private static double ms(long nanos) {
    return Math.round(nanos / 1e3) / 1e3;
  }
}
