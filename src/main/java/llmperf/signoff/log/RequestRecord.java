package llmperf.signoff.log;

import java.util.List;
import java.util.Objects;

/**
 * One request of a run, as Gatling logged it: the row of the report it counts in is {@code groups} + {@code name}.
 *
 * @param groups the enclosing groups, outermost first; empty outside any group
 * @param startEpochMs when the request started (the log stores it relative to the run start; converted here)
 * @param endEpochMs when it ended; the response time of the report is {@link #durationMs()}
 * @param message the failure reason, trimmed as Gatling's report does; null when there is none
 */
public record RequestRecord(List<String> groups, String name, long startEpochMs, long endEpochMs,
                            boolean ok, String message) {

  public RequestRecord {
    groups = List.copyOf(groups);
    Objects.requireNonNull(name, "name");
  }

  public long durationMs() {
    return endEpochMs - startEpochMs;
  }
}
