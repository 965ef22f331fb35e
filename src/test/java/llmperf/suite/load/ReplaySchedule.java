package llmperf.suite.load;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.nothingFor;

import io.gatling.javaapi.core.OpenInjectionStep;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import llmperf.data.ReplayTrace;

/** The open model of a trace replay: one user per request, started at its timestamp divided by the speed. */
public final class ReplaySchedule {

  /** {@code users} users due {@code atMs} after the replay's start. */
  public record Arrival(long atMs, int users) {}

  private ReplaySchedule() {}

  /** The arrivals of requests sorted by timestamp: the first one at 0, those due in the same ms together. */
  public static List<Arrival> arrivals(List<ReplayTrace.Request> requests, double speed) {
    List<Arrival> arrivals = new ArrayList<>();
    long origin = requests.get(0).timestampMs();
    for (ReplayTrace.Request request : requests) {
      long at = Math.round((request.timestampMs() - origin) / speed);
      int last = arrivals.size() - 1;
      if (last >= 0 && arrivals.get(last).atMs() == at) {
        arrivals.set(last, new Arrival(at, arrivals.get(last).users() + 1));
      } else {
        arrivals.add(new Arrival(at, 1));
      }
    }
    return arrivals;
  }

  /** The injection: a pause up to each arrival, then its users at once. */
  public static List<OpenInjectionStep> injection(List<Arrival> arrivals) {
    List<OpenInjectionStep> steps = new ArrayList<>();
    long now = 0;
    for (Arrival arrival : arrivals) {
      if (arrival.atMs() > now) {
        steps.add(nothingFor(Duration.ofMillis(arrival.atMs() - now)));
        now = arrival.atMs();
      }
      steps.add(atOnceUsers(arrival.users()));
    }
    return steps;
  }
}
