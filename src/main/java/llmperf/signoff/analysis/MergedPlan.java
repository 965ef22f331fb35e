package llmperf.signoff.analysis;

import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import llmperf.client.StreamClient;
import llmperf.metrics.ConversationTally;
import llmperf.metrics.GeneratorMonitor;
import llmperf.metrics.StreamTally;
import llmperf.metrics.TruthTally;
import llmperf.resources.ResourceSamples;

/**
 * The plans of several load generators that ran the same simulation with the same settings (each its share of the
 * load), as the plan of one run: the budgets and the shape they share, the journeys they planned added up, the
 * figures each counted in its JVM added group by group, and the health of the generator that bent its figures most.
 */
public final class MergedPlan {

  private MergedPlan() {}

  /**
   * Whether two generators' plans judge their runs alike: the same simulation, scale, budgets and load shape. Only
   * such runs are one run with its load shared out.
   */
  public static boolean judgedAlike(RunPlan a, RunPlan b) {
    return a.simulation().equals(b.simulation()) && a.scale().equals(b.scale()) && a.checks().equals(b.checks())
        && a.windowChecks().equals(b.windowChecks()) && a.windowMs() == b.windowMs()
        && Objects.equals(a.spike(), b.spike()) && a.stairs().equals(b.stairs()) && a.soak() == b.soak()
        && Objects.equals(a.scaling(), b.scaling()) && a.thresholds().equals(b.thresholds());
  }

  /** @param plans plans {@link #judgedAlike} the first, one per load generator */
  public static RunPlan of(List<RunPlan> plans) {
    RunPlan first = plans.get(0);
    Set<List<String>> apiRows = new HashSet<>();
    plans.forEach(plan -> apiRows.addAll(plan.apiRows()));
    String aborted = plans.stream().map(RunPlan::aborted).filter(Objects::nonNull).distinct()
        .collect(Collectors.joining("; "));
    // The target's resources are the target's, whichever generator scraped them: the first that could.
    ResourceSamples resources = plans.stream().map(RunPlan::resources)
        .filter(r -> r != null && r.unavailable() == null).findFirst().orElse(first.resources());
    return new RunPlan(first.simulation(), first.scale(),
        plans.stream().map(RunPlan::target).distinct().collect(Collectors.joining(" + ")), first.checks(),
        first.windowChecks(), apiRows, first.windowMs(), first.spike(), stairs(plans), first.soak(),
        plans.stream().mapToLong(RunPlan::expectedJourneys).sum(), first.thresholds(),
        added(plans, RunPlan::streamTallies, StreamTally::new, (sum, t) -> sum.add(t.state())),
        added(plans, RunPlan::truthTallies, TruthTally::new, (sum, t) -> sum.add(t.state())),
        leastReliable(plans.stream().map(RunPlan::generator).toList(), first), aborted.isEmpty() ? null : aborted,
        first.scaling(), resources, first.resourceBudgets(),
        added(plans, RunPlan::conversations, ConversationTally::new, (sum, t) -> sum.add(t.state())),
        new StreamClient.Resends(plans.stream().mapToLong(p -> p.resends().requests()).sum(),
            plans.stream().mapToLong(p -> p.resends().resent()).sum()),
        first.capacity());
  }

  /**
   * The stairs with the rates of all generators added: a stair's group keeps its name, which carries one generator's
   * rate, but the breaking point is the rate the target took from all of them.
   */
  private static List<RunPlan.Stair> stairs(List<RunPlan> plans) {
    List<RunPlan.Stair> first = plans.get(0).stairs();
    return IntStream.range(0, first.size()).mapToObj(i -> new RunPlan.Stair(first.get(i).group(),
        plans.stream().mapToDouble(p -> p.stairs().get(i).ratePerSec()).sum(), first.get(i).checks())).toList();
  }

  /**
   * The health the merged run is judged by: a figure is as trustworthy as the generator that measured it, so an
   * unreliable generator's before a reliable one's, and among those the one whose event loops lagged most (p99).
   */
  static GeneratorMonitor.Health leastReliable(List<GeneratorMonitor.Health> healths, RunPlan plan) {
    return healths.stream().filter(Objects::nonNull)
        .max(Comparator.comparing((GeneratorMonitor.Health h) -> !reliable(h, plan))
            .thenComparingDouble(GeneratorMonitor.Health::lagP99Ms))
        .orElse(null);
  }

  static boolean reliable(GeneratorMonitor.Health health, RunPlan plan) {
    return GeneratorVerdict.of(health, List.of(), plan.checks()).reliable();
  }

  private static <T> Map<String, T> added(List<RunPlan> plans, Function<RunPlan, Map<String, T>> tallies,
      Supplier<T> empty, BiConsumer<T, T> add) {
    Map<String, T> sums = new LinkedHashMap<>();
    for (RunPlan plan : plans) {
      tallies.apply(plan).forEach((group, tally) -> add.accept(sums.computeIfAbsent(group, g -> empty.get()), tally));
    }
    return sums;
  }
}
