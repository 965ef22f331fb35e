package llmperf.signoff.log;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import llmperf.gatling.SimulationLogReader;

/**
 * Everything a Gatling 3.15.1 {@code simulation.log} holds, record by record, in the order Gatling wrote it (the
 * order its report aggregates them in, which matters for {@link llmperf.gatling.Percentiles}). All timestamps are epoch
 * milliseconds: the log stores them as int offsets from the run start, converted here.
 *
 * @param simulationId not in the log: taken from the run folder's name ({@code <simulationId>-<yyyyMMddHHmmssSSS>}),
 *     "" when the log no longer sits in a folder named that way
 * @param runStartEpochMs the run start Gatling stamps in the log: the origin of every record's offset
 */
public record RunLog(String simulationClassName, String simulationId, long runStartEpochMs,
                     List<RequestRecord> requests, List<GroupRecord> groups, List<UserRecord> users) {

  public RunLog {
    Objects.requireNonNull(simulationClassName, "simulationClassName");
    Objects.requireNonNull(simulationId, "simulationId");
    requests = List.copyOf(requests);
    groups = List.copyOf(groups);
    users = List.copyOf(users);
  }

  /**
   * Reads a binary simulation.log. Fails with an {@link IOException} naming the cause when the file was written by
   * another Gatling version (or is the text log of Gatling before 3.13), is truncated (a run that crashed), or
   * is not a simulation.log.
   */
  public static RunLog read(Path simulationLog) throws IOException {
    return SimulationLogReader.read(simulationLog);
  }
}
