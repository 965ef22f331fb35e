package llmperf.ci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import llmperf.support.SuiteSimulations;
import org.junit.jupiter.api.Test;

/** `mvn gatling:enterprisePackage` builds a package Gatling Enterprise can run as it is. */
class EnterprisePackageTest {

  @Test
  void thePackageListsEverySimulationAndCarriesItsSettingsAndDataOnTheClasspath() throws Exception {
    Path log = Files.createTempFile("enterprise-package", ".log");
    Process maven = new ProcessBuilder("mvn", "-B", "-q", "-o", "gatling:enterprisePackage")
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    assertTrue(maven.waitFor(5, TimeUnit.MINUTES), "packaging ends within 5 minutes");
    assertEquals(0, maven.exitValue(), Files.readString(log));

    Path jar;
    try (Stream<Path> built = Files.list(Path.of("target"))) {
      jar = built.filter(p -> p.getFileName().toString().endsWith("-shaded.jar")).findFirst().orElse(null);
    }
    assertNotNull(jar, "target/*-shaded.jar");
    try (JarFile contents = new JarFile(jar.toFile())) {
      String listed = contents.getManifest().getMainAttributes().getValue("Gatling-Simulations");
      Set<String> simulations = Set.of(listed.split(","));
      for (String name : SuiteSimulations.names()) {
        assertTrue(simulations.contains("llmperf.simulations." + name), name + " is in the manifest: " + listed);
      }
      for (String resource : new String[] {"simulations.conf", "gatling.conf", "data/prompts.csv", "data/users.csv",
          "data/voices.csv"}) {
        assertNotNull(contents.getEntry(resource), resource + " travels on the classpath");
      }
    }
  }
}
