package llmperf.preflight;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import llmperf.config.ConfigError;
import llmperf.config.SuiteConfig;
import llmperf.safety.SecretMasking;

/**
 * Refuses, before any load starts, a heavy run aimed at another machine unless target.allow-remote-heavy-load
 * says it is meant: anything above Smoke, or any run at the release scale, counts as heavy.
 */
public final class LoadSafety {

  private LoadSafety() {}

  public static void requireAllowed(SuiteConfig config, String simulation) {
    boolean heavy = !simulation.equals("Smoke") || config.profiles().scale().equals("release");
    if (!heavy || config.target().embedded() || config.target().allowRemoteHeavyLoad()) {
      return;
    }
    String host = URI.create(config.target().baseUrl()).getHost();
    if (!isLoopback(host)) {
      throw new ConfigError("target.base-url = \"" + SecretMasking.mask(config.target().baseUrl()) + "\": " + simulation
          + " at scale " + config.profiles().scale() + " is heavy load on a host that is not this machine;"
          + " set target.allow-remote-heavy-load=true to confirm it is meant");
    }
  }

  /** Whether every address of {@code host} is this machine's loopback. */
  public static boolean isLoopback(String host) {
    try {
      for (InetAddress address : InetAddress.getAllByName(host)) {
        if (!address.isLoopbackAddress()) {
          return false;
        }
      }
      return true;
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
