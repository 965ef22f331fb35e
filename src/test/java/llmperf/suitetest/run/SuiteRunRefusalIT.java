package llmperf.suitetest.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import llmperf.suite.run.SuiteRun;
import llmperf.support.ForkedJvm;
import llmperf.support.GuardedTarget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The preflight in the JVM Gatling runs in (its own JVM, as the Maven plugin forks it): a refusal ends that JVM with
 * status 1 and its one line, where Gatling would print "Run crashed" and a stack trace.
 */
class SuiteRunRefusalIT {

  /** What Gatling does first when it builds a simulation: open the run. */
  public static final class Open {
    public static void main(String[] args) {
      SuiteRun.open("Smoke").close();
    }
  }

  private static List<String> open(Path folder, String... settings) throws Exception {
    return openWith(System.getProperty("java.class.path"), folder, settings);
  }

  private static List<String> openWith(String classpath, Path folder, String... settings) throws Exception {
    return ForkedJvm.run(classpath, Open.class, folder, settings);
  }

  @Test
  void aMetricsEndpointWhereNothingListensEndsGatlingsJvmWithOneLine(@TempDir Path folder) throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    try (GuardedTarget target = GuardedTarget.start("sk-run-secret-1234", List.of("llmperf-mini"))) {
      assertEquals(List.of("exit 1", "Target: " + target.baseUrl(), "Target metrics unusable, no load started:"
          + " target.metrics.url: GET http://127.0.0.1:" + port + "/metrics: connection refused (nothing listens"
          + " there: is the service up?) (-Dtarget.preflight=false skips this probe)"),
          open(folder, "-Dtarget.base-url=" + target.baseUrl(), "-Dtarget.api-key=sk-run-secret-1234",
              "-Dtarget.metrics.url=http://127.0.0.1:" + port + "/metrics"));
    }
  }

  /** A tokenizer.json that is not one is one line in Gatling's JVM, before the embedded target starts. */
  @Test
  void aFileThatIsNoTokenizerEndsGatlingsJvmWithOneLine(@TempDir Path folder) throws Exception {
    Path file = Files.writeString(folder.resolve("tokenizer.json"), "{\"model\": \"none\"}\n");
    List<String> console = open(folder, "-Dprompts.source=synthetic", "-Dprompts.tokenizer=" + file);
    assertEquals(2, console.size(), "the status and one line: " + console);
    assertEquals("exit 1", console.get(0));
    assertTrue(console.get(1).startsWith("Settings refused: prompts.tokenizer = \"" + file + "\": not a Hugging Face"
        + " tokenizer.json ("), console.get(1));
  }

  /** A bad feeder row, on the classpath before the shipped file, is one line in Gatling's JVM too. */
  @Test
  void aBadDataRowEndsGatlingsJvmWithOneLine(@TempDir Path folder) throws Exception {
    Path data = Files.createDirectories(folder.resolve("data"));
    Files.writeString(data.resolve("voices.csv"), "voice,voice_name,text\nv1,Rachel,Once upon a time\nv2,,Hi\n");
    assertEquals(List.of("exit 1", "Data refused: data/voices.csv line 3, column voice_name = \"\": expected some"
        + " text, not an empty value"), openWith(folder + File.pathSeparator + System.getProperty("java.class.path"),
        folder));
  }
}
