package llmperf.signoff.log;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a {@link RunLog} as the binary simulation.log of Gatling 3.15.1 (the format {@link SimulationLogReader}
 * describes), so that fast tests can hand the sign-off's commands a run folder without running Gatling. Strings are
 * written Latin-1: the tests' names are ASCII.
 */
public final class SimulationLogWriter {

  private final DataOutputStream out;
  private final Map<String, Integer> cache = new HashMap<>();
  private final long runStart;

  private SimulationLogWriter(DataOutputStream out, long runStart) {
    this.out = out;
    this.runStart = runStart;
  }

  /** Users first, then groups, then requests, as {@link RunLog#replayInto} hands them out. */
  public static void write(RunLog log, Path file) throws IOException {
    try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
      new SimulationLogWriter(out, log.runStartEpochMs()).writeAll(log);
    }
  }

  private void writeAll(RunLog log) throws IOException {
    List<String> scenarios = new ArrayList<>();
    log.users().forEach(user -> {
      if (!scenarios.contains(user.scenario())) {
        scenarios.add(user.scenario());
      }
    });
    out.write(0);
    string(SimulationLogReader.SUPPORTED_GATLING_VERSION);
    string(log.simulationClassName());
    out.writeLong(runStart);
    string("");
    out.writeInt(scenarios.size());
    for (String scenario : scenarios) {
      string(scenario);
    }
    out.writeInt(0);
    for (UserRecord user : log.users()) {
      out.write(2);
      out.writeInt(scenarios.indexOf(user.scenario()));
      out.writeBoolean(user.start());
      out.writeInt(offset(user.timestampEpochMs()));
    }
    for (GroupRecord group : log.groups()) {
      out.write(3);
      groups(group.groups());
      out.writeInt(offset(group.startEpochMs()));
      out.writeInt(offset(group.endEpochMs()));
      out.writeInt(group.cumulatedResponseTimeMs());
      out.writeBoolean(group.ok());
    }
    for (RequestRecord request : log.requests()) {
      out.write(1);
      groups(request.groups());
      cached(request.name());
      out.writeInt(offset(request.startEpochMs()));
      out.writeInt(offset(request.endEpochMs()));
      out.writeBoolean(request.ok());
      cached(request.message() == null ? "" : request.message());
    }
  }

  private int offset(long epochMs) {
    return Math.toIntExact(epochMs - runStart);
  }

  private void groups(List<String> groups) throws IOException {
    out.writeInt(groups.size());
    for (String group : groups) {
      cached(group);
    }
  }

  private void cached(String value) throws IOException {
    Integer index = cache.get(value);
    if (index != null) {
      out.writeInt(-index);
      return;
    }
    index = cache.size() + 1;
    cache.put(value, index);
    out.writeInt(index);
    string(value);
  }

  private void string(String value) throws IOException {
    if (value.isEmpty()) {
      out.writeInt(0);
      return;
    }
    byte[] bytes = value.getBytes(StandardCharsets.ISO_8859_1);
    out.writeInt(bytes.length);
    out.write(bytes);
    out.write(0);
  }
}
