package llmperf.suite.capacity;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import llmperf.profiles.Profiles;
import llmperf.profiles.RateSearch;
import llmperf.profiles.Rates;
import llmperf.signoff.SignOffVerdict;
import llmperf.signoff.analysis.CapacitySearch;
import llmperf.signoff.analysis.Summary;
import llmperf.suite.gatling.GatlingLauncher;
import llmperf.suite.run.SuiteRun;

/**
 * Runs the Capacity search: each probe a Gatling run of {@link CapacityProbe} in this JVM (its JIT already warm),
 * judged by its own sign-off on every budget, under results/capacity-probes-&lt;time&gt;/, for as long as
 * {@link RateSearch} asks for another and has room for it within capacity.max-duration.
 */
public final class ProbeRuns {

  private ProbeRuns() {}

  public static CapacitySearch search(Profiles.Capacity settings) {
    return SuiteRun.keepingInProcessPlan(() -> probeUntilDone(settings));
  }

  private static CapacitySearch probeUntilDone(Profiles.Capacity settings) {
    Path folder = SuiteRun.resultsFolder().resolve("capacity-probes-" + System.currentTimeMillis());
    RateSearch search = new RateSearch(settings);
    List<CapacitySearch.Probe> probes = new ArrayList<>();
    long searchStartedAt = System.currentTimeMillis();
    long longestProbeMs = 0;
    for (OptionalDouble next = search.next(); next.isPresent(); next = search.next()) {
      long startedAt = System.currentTimeMillis();
      if (search.noRoomForAnotherProbe(startedAt - searchStartedAt, longestProbeMs)) {
        break;
      }
      CapacitySearch.Probe probe = probe(next.getAsDouble(), settings, folder);
      longestProbeMs = Math.max(longestProbeMs, System.currentTimeMillis() - startedAt);
      probes.add(probe);
      search.probed(probe.ratePerSec(), probe.held());
      System.out.println("Capacity probe " + probes.size() + ": " + Rates.shown(probe.ratePerSec()) + " users/s "
          + (probe.held() ? "held" : "broke: " + probe.failedInShort()));
    }
    return new CapacitySearch(List.copyOf(probes), search.highestHeld(), search.lowestBroken(),
        settings.precision() * 100, search.stopReason());
  }

  private static CapacitySearch.Probe probe(double rate, Profiles.Capacity settings, Path folder) {
    String inProcess = System.setProperty("llmperf.signoff.in-process", "true");
    System.setProperty(CapacityProbe.RATE_PROPERTY, String.valueOf(rate));
    try {
      Files.createDirectories(folder);
      long startedAt = System.currentTimeMillis();
      GatlingLauncher.runWithoutReport(CapacityProbe.class, folder);
      SignOffVerdict verdict = SignOffVerdict.judge(folder, CapacityProbe.class.getSimpleName(), startedAt,
          SuiteRun::lastInProcessPlan);
      return verdict.summary() == null
          ? new CapacitySearch.Probe(rate, false, verdict.lines(), 0, 0, 0, null)
          : judged(rate, settings, verdict);
    } catch (Exception crashed) {
      // Fails closed: a probe that could not be judged did not hold.
      return new CapacitySearch.Probe(rate, false, List.of("the probe could not be run: " + crashed), 0, 0, 0,
          null);
    } finally {
      System.clearProperty(CapacityProbe.RATE_PROPERTY);
      if (inProcess == null) {
        System.clearProperty("llmperf.signoff.in-process");
      } else {
        System.setProperty("llmperf.signoff.in-process", inProcess);
      }
    }
  }

  private static CapacitySearch.Probe judged(double rate, Profiles.Capacity settings, SignOffVerdict verdict) {
    Summary summary = verdict.summary();
    double seconds = settings.probe().toMillis() / 1000.0;
    Summary.Phases.BreakingPoint.Stair measured = summary.phases().breakingPoint().stairs().get(0);
    long outputTokens = summary.streaming().stream().mapToLong(Summary.Streaming::outputTokens).sum();
    return new CapacitySearch.Probe(rate, summary.passed(), summary.reasons(), measured.count() / seconds,
        outputTokens / seconds, measured.errorPercent(), verdict.runFolder().toString());
  }
}
