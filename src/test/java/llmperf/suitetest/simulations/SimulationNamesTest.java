package llmperf.suitetest.simulations;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import llmperf.suite.run.LlmSimulation;
import llmperf.support.SuiteSimulations;
import org.junit.jupiter.api.Test;
import llmperf.suite.simulations.Smoke;

/** `-Dsimulation=X` is checked against the pom's list of names: that list must be exactly the simulation classes. */
class SimulationNamesTest {

  @Test
  void thePomListsExactlyTheSimulationClasses() throws IOException, URISyntaxException {
    assertEquals(simulationClasses(), SuiteSimulations.names());
  }

  private static Set<String> simulationClasses() throws IOException, URISyntaxException {
    Path folder = Path.of(Smoke.class.getResource("Smoke.class").toURI()).getParent();
    try (Stream<Path> files = Files.list(folder)) {
      return files.map(file -> file.getFileName().toString())
          .filter(name -> name.endsWith(".class") && !name.contains("$"))
          .map(name -> name.substring(0, name.length() - ".class".length()))
          .filter(SimulationNamesTest::isSimulation)
          .collect(Collectors.toCollection(TreeSet::new));
    }
  }

  private static boolean isSimulation(String simpleName) {
    try {
      Class<?> type = Class.forName(Smoke.class.getPackageName() + "." + simpleName, false,
          SimulationNamesTest.class.getClassLoader());
      return LlmSimulation.class.isAssignableFrom(type) && !Modifier.isAbstract(type.getModifiers());
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }
}
