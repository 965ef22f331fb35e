package llmperf.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import llmperf.support.SuiteSimulations;
import org.junit.jupiter.api.Test;

/** `mvn gatling:enterprisePackage -Denterprise` builds a package Gatling Enterprise can run as it is. */
class EnterprisePackageIT {

  private static final String SUITE_ROOT = "llmperf/suite/";

  @Test
  void thePackageListsEverySimulationCarriesItsSettingsAndDataAndLeavesTheSuitesTestsOut() throws Exception {
    Path log = Files.createTempFile("enterprise-package", ".log");
    Process maven = new ProcessBuilder("mvn", "-B", "-q", "gatling:enterprisePackage", "-Denterprise")
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    assertTrue(maven.waitFor(5, TimeUnit.MINUTES), "packaging ends within 5 minutes");
    assertEquals(0, maven.exitValue(), Files.readString(log));

    Path jar;
    try (Stream<Path> built = Files.list(Path.of("target", "enterprise"))) {
      jar = built.filter(p -> p.getFileName().toString().endsWith("-shaded.jar")).findFirst().orElse(null);
    }
    assertNotNull(jar, "target/enterprise/*-shaded.jar");
    try (JarFile contents = new JarFile(jar.toFile())) {
      String listed = contents.getManifest().getMainAttributes().getValue("Gatling-Simulations");
      Set<String> simulations = Set.of(listed.split(","));
      for (String name : SuiteSimulations.names()) {
        assertTrue(simulations.contains("llmperf.suite.simulations." + name), name + " is in the manifest: " + listed);
      }
      for (String resource : new String[] {"simulations.conf", "gatling.conf", "data/prompts.csv", "data/users.csv",
          "data/voices.csv"}) {
        assertNotNull(contents.getEntry(resource), resource + " travels on the classpath");
      }
      List<String> testOnly = contents.stream().map(JarEntry::getName)
          .filter(name -> name.startsWith("org/junit/") || name.startsWith("com/fasterxml/jackson/dataformat/yaml/"))
          .toList();
      assertEquals(List.of(), testOnly, "the suite's test libraries stay out of the package");
      Path suiteRoot = Path.of("target", "test-classes");
      List<String> outsideTheSuite;
      try (Stream<Path> compiled = Files.walk(suiteRoot)) {
        outsideTheSuite = compiled.filter(p -> p.toString().endsWith(".class"))
            .map(p -> suiteRoot.relativize(p).toString().replace('\\', '/'))
            .filter(name -> contents.getEntry(name) != null && !name.startsWith(SUITE_ROOT)).toList();
      }
      assertEquals(List.of(), outsideTheSuite, "of the test classes, only the suite's root travels");
      assertTrue(contents.stream().anyMatch(e -> e.getName().startsWith(SUITE_ROOT + "journeys/")), "the journeys travel");
      assertNotNull(contents.getEntry("llmperf/server/EmbeddedTarget.class"), "the embedded target, for Smoke");
    }
  }
}
