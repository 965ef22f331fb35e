package llmperf.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A full Smoke run, forked as the Gatling plugin forks it, with a planted API key and password that the run
 * really uses (the embedded target accepts them) and Gatling's HTTP logging at TRACE, which prints every
 * request with its headers and body: neither secret may appear in the console output or any file of the results
 * folder (Gatling's report, simulation.log, the sign-off files, the history).
 */
class SecretLeakIT {

  private static final String API_KEY = "sk-planted-4f1c9e2ab7d35e80";
  private static final String PASSWORD = "planted-password-91e2c7";

  @Test
  void plantedSecretsAppearNowhereInAFullRunsOutputOrResults() throws Exception {
    Path results = Files.createDirectories(Path.of("target", "secret-leak-results"));
    Path console = Files.createTempFile("secret-leak", ".log");
    // The shipped logging configuration, with Gatling's request/response logger raised to TRACE.
    Path traceLogging = results.resolve("logback-trace.xml");
    Files.writeString(traceLogging, Files.readString(Path.of("src", "main", "resources", "logback.xml"))
        .replace("<logger name=\"io.gatling.http.engine.response\" level=\"WARN\"/>",
            "<logger name=\"io.gatling.http.engine.response\" level=\"TRACE\"/>"));
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--add-opens=java.base/java.lang=ALL-UNNAMED",
        "-Dtarget.api-key=" + API_KEY,
        "-Dtarget.user-password=" + PASSWORD,
        "-Dllmperf.results=" + results,
        "-Dlogback.configurationFile=" + traceLogging.toAbsolutePath(),
        "-cp", System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
        "io.gatling.app.Gatling", "-s", "llmperf.suite.simulations.Smoke", "-rf", results.toString()));
    Process gatling = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(console.toFile()).start();
    assertTrue(gatling.waitFor(3, TimeUnit.MINUTES), "the run ends within 3 minutes");
    String output = Files.readString(console, StandardCharsets.UTF_8);
    assertEquals(0, gatling.exitValue(), output.lines().skip(Math.max(0, output.lines().count() - 30))
        .reduce("", (a, b) -> a + "\n" + b));
    assertTrue(output.contains("Authorization") || output.contains("authorization"),
        "TRACE logging printed the requests' headers, so the test searched real output");

    List<Path> searched = new ArrayList<>();
    searched.add(console);
    try (Stream<Path> files = Files.walk(results)) {
      files.filter(Files::isRegularFile).forEach(searched::add);
    }
    assertTrue(searched.stream().anyMatch(p -> p.getFileName().toString().equals("signoff.html")), "sign-off written");
    for (Path file : searched) {
      String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
      assertTrue(!text.contains(API_KEY) && !text.contains(PASSWORD), "a planted secret leaked into " + file);
    }
  }
}
