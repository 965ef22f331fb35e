package llmperf.signoff.log;

import java.util.List;

/**
 * One execution of a group by one user.
 *
 * @param groups the full path, outermost first, ending with the group itself
 * @param cumulatedResponseTimeMs the sum of the response times of the requests inside: what the report shows for a
 *     group by default ({@code gatling.charting.useGroupDurationMetric = false}), not the duration
 */
public record GroupRecord(List<String> groups, long startEpochMs, long endEpochMs, int cumulatedResponseTimeMs,
                          boolean ok) {

  public GroupRecord {
    groups = List.copyOf(groups);
  }
}
