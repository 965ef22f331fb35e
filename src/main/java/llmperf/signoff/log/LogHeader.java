package llmperf.signoff.log;

import java.util.Objects;

/**
 * The run record of a simulation.log.
 *
 * @param simulationId not in the log: taken from the run folder's name ({@code <simulationId>-<yyyyMMddHHmmssSSS>}),
 *     "" when the log no longer sits in a folder named that way
 * @param runStartEpochMs the run start Gatling stamps in the log: the origin of every record's offset
 */
public record LogHeader(String simulationClassName, String simulationId, long runStartEpochMs) {

  public LogHeader {
    Objects.requireNonNull(simulationClassName, "simulationClassName");
    Objects.requireNonNull(simulationId, "simulationId");
  }
}
