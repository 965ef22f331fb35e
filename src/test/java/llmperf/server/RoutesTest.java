package llmperf.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import llmperf.config.SuiteConfig;
import llmperf.config.TargetConfig;
import org.junit.jupiter.api.Test;

/** The server serves exactly the paths simulations.conf sends the journeys to: one source of truth for routes. */
class RoutesTest {

  @Test
  void theServersRoutesAreExactlyTheConfiguredPaths() {
    TargetConfig target = SuiteConfig.defaults().target();
    Set<String> expected = normalized(target.paths().values());
    // Sub-paths the api-keys journey derives from target.paths.api-keys, and the admin routes no journey calls.
    expected.addAll(normalized(Set.of(target.path("api-keys") + "/{id}", target.path("api-keys") + "/{id}/validate",
        "/admin/faults", "/admin/requests/collect", "/metrics")));
    Set<String> served = normalized(new Router(new TargetState(TargetTestSupport.fast())).templates());
    Set<String> unserved = new TreeSet<>(expected);
    unserved.removeAll(served);
    Set<String> unconfigured = new TreeSet<>(served);
    unconfigured.removeAll(expected);
    assertEquals(Set.of(), unserved, "paths of target.paths with no route in the reference server: add one in a *Routes"
        + " class of src/main/java/llmperf/server (docs/extending.md, step 4)");
    assertEquals(Set.of(), unconfigured, "routes of the reference server that no target.paths entry names: add the"
        + " path to target.paths in simulations.conf, or remove the route");
  }

  /** Placeholders are named differently on each side ({channel} here, {id} there): compare their positions. */
  private static Set<String> normalized(Collection<String> paths) {
    return paths.stream().map(path -> path.replaceAll("\\{[^}]+}", "{}"))
        .collect(Collectors.toCollection(TreeSet::new));
  }
}
