package llmperf.signoff.log;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A whole simulation.log as lists, for tests that look at single records of a short run, and for logs a test writes
 * record by record and replays into the sign-off's one-pass analysis. The sign-off itself never holds a log.
 */
public record RunLog(LogHeader header, List<RequestRecord> requests, List<GroupRecord> groups,
                     List<UserRecord> users) {

  public RunLog {
    Objects.requireNonNull(header, "header");
    requests = List.copyOf(requests);
    groups = List.copyOf(groups);
    users = List.copyOf(users);
  }

  /** A log of a run started at {@code runStartEpochMs}, without groups or users. */
  public static RunLog ofRequests(long runStartEpochMs, List<RequestRecord> requests) {
    return new RunLog(new LogHeader("Test", "test", runStartEpochMs), requests, List.of(), List.of());
  }

  public static RunLog read(Path simulationLog) throws IOException {
    Collector collector = new Collector();
    SimulationLogReader.read(simulationLog, collector);
    return new RunLog(collector.header, collector.requests, collector.groups, collector.users);
  }

  /** Hands the records to a listener as the reader would: users and groups first, then the requests. */
  public <T extends RecordListener> T replayInto(T listener) {
    listener.run(header);
    users.forEach(listener::user);
    groups.forEach(listener::group);
    requests.forEach(listener::request);
    return listener;
  }

  public String simulationClassName() {
    return header.simulationClassName();
  }

  public String simulationId() {
    return header.simulationId();
  }

  public long runStartEpochMs() {
    return header.runStartEpochMs();
  }

  private static final class Collector implements RecordListener {
    private LogHeader header;
    private final List<RequestRecord> requests = new ArrayList<>();
    private final List<GroupRecord> groups = new ArrayList<>();
    private final List<UserRecord> users = new ArrayList<>();

    @Override
    public void run(LogHeader header) {
      this.header = header;
    }

    @Override
    public void request(RequestRecord request) {
      requests.add(request);
    }

    @Override
    public void group(GroupRecord group) {
      groups.add(group);
    }

    @Override
    public void user(UserRecord user) {
      users.add(user);
    }
  }
}
