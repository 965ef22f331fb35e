package llmperf.preflight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import llmperf.support.ForkedJvm;
import llmperf.support.GuardedTarget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The check Maven runs before Gatling forks, in a JVM of its own as exec:java runs it: a refused setting ends it
 * with status 1 and one line, which is all Maven's console then shows of it.
 */
class ConfigCheckIT {

  private static final String SKIP = " (-Dtarget.preflight=false skips this probe)";

  private static List<String> check(Path folder, String... settings) throws Exception {
    return checkWith(System.getProperty("java.class.path"), folder, settings);
  }

  private static List<String> checkWith(String classpath, Path folder, String... settings) throws Exception {
    return ForkedJvm.run(classpath, ConfigCheck.class, folder, settings);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "-Dscale=huge | scale = \"huge\": expected one of ci, nightly, release",
      "-Dtarget.model= | target.model = \"\": expected the model name the target serves (its /v1/models lists them),"
          + " e.g. llama3.1:8b",
      "-Dembedded-target.faults.latency-multiplier=0 | embedded-target.faults.latency-multiplier = \"0\": expected a"
          + " multiplier above 0 and at most 1000 (1 = as configured; 0 would answer in no time)",
      "-Dbudgets.voise.p95=1s | budgets.voise names no journey of the mix or scope: expected one of",
      "-Dprompts.tokenizer=/no/such/tokenizer.json | prompts.tokenizer = \"/no/such/tokenizer.json\": no such file:"
          + " expected the path of a local Hugging Face tokenizer.json"})
  void aRefusedSettingEndsTheCheckWithItsOneLine(String setting, String line, @TempDir Path folder) throws Exception {
    List<String> console = check(folder, setting);
    assertEquals(2, console.size(), "the status and one line: " + console);
    assertEquals("exit " + ConfigCheck.REFUSED_STATUS, console.get(0));
    assertTrue(console.get(1).startsWith("Settings refused: " + line), console.get(1));
  }

  /** A dead target stops the check too, before Gatling forks: one line, the same status. */
  @Test
  void aTargetNothingListensOnEndsTheCheckWithItsOneLine(@TempDir Path folder) throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    assertEquals(List.of("exit " + ConfigCheck.REFUSED_STATUS, "Target unreachable, no load started: GET"
        + " http://127.0.0.1:" + port + "/api/v1/health: connection refused (nothing listens there: is the service"
        + " up?) (-Dtarget.preflight=false skips this probe)"), check(folder, "-Dtarget.base-url=http://127.0.0.1:" + port));
  }

  @Test
  void validSettingsPassAndSaySo(@TempDir Path folder) throws Exception {
    assertEquals(List.of("exit 0", "Settings valid: scale nightly, target embedded"),
        check(folder, "-Dscale=nightly", "-Dbudgets.voice.first-audio-byte.p95=500ms"));
  }

  /**
   * A metrics endpoint that refuses the key, or where nothing listens, is one line of Maven's check before any load,
   * named by its setting, the key nowhere in it.
   */
  @Test
  void aMetricsEndpointThatRefusesTheKeyOrIsClosedEndsTheCheckWithItsOneLine(@TempDir Path folder) throws Exception {
    try (GuardedTarget llama = GuardedTarget.start("sk-llama-secret-1234", List.of("m"))) {
      String target = "-Dtarget.base-url=" + llama.baseUrl();
      String key = "-Dtarget.api-key=sk-llama-secret-1234";
      assertEquals(List.of("exit " + ConfigCheck.REFUSED_STATUS, "Target metrics unusable, no load started:"
          + " target.metrics.url: GET " + llama.metricsUrl() + ": HTTP 401, refused the key: set"
          + " target.metrics.api-key or target.api-key" + SKIP),
          check(folder, target, key, "-Dtarget.metrics.url=" + llama.metricsUrl(), "-Dtarget.metrics.api-key=sk-wrong-999"));
      int port = closedPort();
      assertEquals(List.of("exit " + ConfigCheck.REFUSED_STATUS, "Target metrics unusable, no load started:"
          + " target.metrics.url: GET http://127.0.0.1:" + port + "/metrics: connection refused (nothing listens"
          + " there: is the service up?)" + SKIP),
          check(folder, target, key, "-Dtarget.metrics.url=http://127.0.0.1:" + port + "/metrics"));
      assertEquals(List.of("exit 0", "Settings valid: scale ci, target " + llama.baseUrl()),
          check(folder, target, key, "-Dtarget.metrics.url=" + llama.metricsUrl()));
    }
  }

  /** A feeder file with a bad row, found on the classpath before the shipped one, is one line before any load. */
  @Test
  void aBadDataRowEndsTheCheckWithItsOneLine(@TempDir Path folder) throws Exception {
    Path data = Files.createDirectories(folder.resolve("data"));
    Files.writeString(data.resolve("prompts.csv"), "prompt,max_tokens,kind,weight\nHi,32,short,1\nTell a story,lots,story,1\n");
    assertEquals(List.of("exit " + ConfigCheck.REFUSED_STATUS, ConfigCheck.DATA_REFUSED + "data/prompts.csv line 3,"
        + " column max_tokens = \"lots\": expected a whole number from 1 to 32768"),
        checkWith(folder + File.pathSeparator + System.getProperty("java.class.path"), folder));
  }

  /** The Replay simulation's trace is checked before any load too, when Replay is the one run. */
  @Test
  void aBadReplayTraceEndsTheCheckWithItsOneLine(@TempDir Path folder) throws Exception {
    Path trace = Files.writeString(folder.resolve("trace.jsonl"),
        "{\"timestamp\": 0, \"input_length\": 10, \"output_length\": 0, \"hash_ids\": []}\n");
    assertEquals(List.of("exit " + ConfigCheck.REFUSED_STATUS, ConfigCheck.DATA_REFUSED + trace
        + " line 1: output_length = 0: expected output tokens, 1 to 4096"),
        check(folder, "-Dsimulation=Replay", "-Dreplay.trace=" + trace));
  }

  private static int closedPort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
