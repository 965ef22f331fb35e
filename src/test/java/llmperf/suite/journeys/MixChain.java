package llmperf.suite.journeys;

import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.onCase;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Choice;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import llmperf.config.ConfigError;
import llmperf.config.Mix;

/**
 * The weighted mix of simulations.conf as one chain. Each new user gets the next journey of a smooth weighted
 * round robin over the journeys' combined shares (workload share x journey share), so that even a short run
 * holds every journey in its exact proportion: no journey is missing from a report by bad luck.
 */
public final class MixChain {

  static final String JOURNEY = "llmperf.journey";

  private MixChain() {}

  public static ChainBuilder of(Mix mix, Map<String, Journey> journeys) {
    Map<String, Integer> shares = shares(mix);
    if (shares.size() == 1) {
      return journeys.get(shares.keySet().iterator().next()).chain();
    }
    WeightedRoundRobin picker = new WeightedRoundRobin(shares);
    List<Choice.WithKey> cases = new ArrayList<>();
    shares.keySet().forEach(name -> cases.add(onCase(name).then(journeys.get(name).chain())));
    return exec(session -> session.set(JOURNEY, picker.next())).doSwitch(session -> session.getString(JOURNEY)).on(cases);
  }

  /** The journeys the mix can draw (a share above 0). */
  public static Map<String, Journey> included(Mix mix, Map<String, Journey> journeys) {
    Map<String, Journey> included = new LinkedHashMap<>();
    shares(mix).keySet().forEach(name -> included.put(name, journeys.get(name)));
    return included;
  }

  /**
   * The journeys a fresh mix hands out to its first {@code draws} users: the round robin is deterministic, so a
   * short part of a run (a small load level) is known in advance to hold exactly these.
   */
  public static Map<String, Journey> drawnBy(Mix mix, Map<String, Journey> journeys, int draws) {
    WeightedRoundRobin picker = new WeightedRoundRobin(shares(mix));
    Map<String, Journey> drawn = new LinkedHashMap<>();
    for (int i = 0; i < draws; i++) {
      String name = picker.next();
      drawn.put(name, journeys.get(name));
    }
    return drawn;
  }

  /**
   * The mix of simulations.conf and the journeys the suite declares ({@code Journeys.all()}) name the same journeys;
   * else a one-line ConfigError naming the first one missing from either side.
   */
  public static void requireSameJourneys(Mix mix, Set<String> declared) {
    for (Map.Entry<String, Map<String, Integer>> workload : mix.journeys().entrySet()) {
      for (String name : workload.getValue().keySet()) {
        if (!declared.contains(name)) {
          throw new ConfigError("mix." + workload.getKey() + "." + name + " names no journey of the suite: expected"
              + " one of " + String.join(", ", new TreeSet<>(declared)) + " (journeys are declared in Journeys.all())");
        }
      }
    }
    Set<String> inTheMix = mix.journeyNames();
    for (String name : new TreeSet<>(declared)) {
      if (!inTheMix.contains(name)) {
        throw new ConfigError("journey " + name + " is in no workload of the mix: add it to one in simulations.conf"
            + " (mix.WORKLOAD." + name + " = 0 declares it without drawing it)");
      }
    }
  }

  /**
   * Each journey's share of all users, in millionths (a journey may sit in several workloads): its workload's weight
   * over all workloads' times its weight over its workload's.
   */
  public static Map<String, Integer> shares(Mix mix) {
    int allWorkloads = mix.workloads().values().stream().mapToInt(Integer::intValue).sum();
    Map<String, Integer> shares = new LinkedHashMap<>();
    mix.workloads().forEach((workload, share) -> {
      Map<String, Integer> weights = mix.journeys().get(workload);
      int allJourneys = weights.values().stream().mapToInt(Integer::intValue).sum();
      weights.forEach((name, weight) -> {
        long millionths = Math.round(1e6 * share / allWorkloads * weight / Math.max(1, allJourneys));
        if (millionths > 0) {
          shares.merge(name, (int) millionths, Integer::sum);
        }
      });
    });
    return shares;
  }
}
