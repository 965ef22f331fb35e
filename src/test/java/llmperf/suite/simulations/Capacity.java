package llmperf.suite.simulations;

import llmperf.signoff.analysis.CapacitySearch;
import llmperf.suite.capacity.HeldRate;
import llmperf.suite.capacity.ProbeRuns;

/**
 * Searches for the highest arrival rate at which every budget holds (capacity.*: bracket, then bisect, each probe a
 * steady run of its own), then holds that rate in this run, judged on every budget as a steady run is. When no rate
 * held, this run holds the lowest one probed, to show what fails there, and the sign-off fails.
 */
public class Capacity extends HeldRate {

  {
    CapacitySearch search = ProbeRuns.search(profiles.capacity());
    signOff.reportCapacitySearch(search);
    hold("capacity", search.found() ? search.maxRatePerSec()
        : search.limitRatePerSec() != null ? search.limitRatePerSec() : profiles.capacity().startRate());
  }
}
