package llmperf.config;

import java.util.concurrent.CountDownLatch;
import llmperf.server.EmbeddedTarget;
import llmperf.server.TargetSettings;

/**
 * Runs the embedded reference target on its own, for demos and for pointing other tools at it:
 * {@code mvn -q compile exec:java -Dembedded-target.port=8080}. Stops on Ctrl-C.
 */
public final class TargetMain {

  private TargetMain() {}

  public static void main(String[] args) throws InterruptedException {
    TargetSettings settings;
    try {
      settings = SuiteConfig.load().embeddedTarget();
    } catch (ConfigError e) {
      System.err.println(e.getMessage());
      System.exit(1);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    EmbeddedTarget target = EmbeddedTarget.start(settings);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      target.close();
      stopped.countDown();
    }, "embedded-target-stop"));
    System.out.println("Embedded reference target listening on " + target.baseUrl()
        + " (WebSocket " + target.wsUrl() + "/ws). Demo credentials, not secrets: API key " + settings.apiKey()
        + ", any username with password " + settings.userPassword()
        + ". Faults: PUT " + target.baseUrl() + "/admin/faults. Ctrl-C stops it.");
    stopped.await();
  }
}
