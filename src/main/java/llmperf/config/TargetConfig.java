package llmperf.config;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import llmperf.safety.SecretMasking;

/**
 * Where the load goes and how to talk to it.
 *
 * @param embedded true when the embedded reference target serves the run (baseUrl is then filled in once it listens)
 * @param apiKey secret: never printed, see {@link #toString()}
 * @param userPassword secret: never printed, see {@link #toString()}
 * @param keepAlive how long a user's idle streaming connection stays open for its next request (zero: one
 *     connection per request)
 * @param paths route paths by name (see target.paths in simulations.conf)
 * @param preflight whether one request probes the target before any load (the preflight)
 * @param api the streaming API the OpenAI-compatible journeys speak
 * @param tools the function names every completion request offers as tools (an agent's requests); empty: none
 */
public record TargetConfig(
    boolean embedded,
    String baseUrl,
    String wsUrl,
    String apiKey,
    String userPassword,
    String model,
    Duration connectTimeout,
    Duration requestTimeout,
    Duration streamTimeout,
    Duration streamIdleTimeout,
    Duration keepAlive,
    boolean allowRemoteHeavyLoad,
    Map<String, String> paths,
    boolean preflight,
    CompletionApi api,
    List<String> tools) {

  public static final String EMBEDDED = "embedded";
  private static final String API_VERSION = "/v1";
  /** How the suite's requests name themselves, so that the target's logs can tell load-test traffic apart. */
  public static final String USER_AGENT = "llmperf-gatling-suite";

  public String path(String name) {
    String path = paths.get(name);
    if (path == null) {
      throw new IllegalArgumentException("no path named " + name + " in target.paths");
    }
    return path;
  }

  /** The route of the streaming API the journeys speak. */
  public String apiPath() {
    return path(api.pathName());
  }

  /** The same settings aimed at a server that now listens at {@code newBaseUrl}. */
  public TargetConfig at(String newBaseUrl, String newWsUrl) {
    return new TargetConfig(embedded, newBaseUrl, newWsUrl, apiKey, userPassword, model, connectTimeout,
        requestTimeout, streamTimeout, streamIdleTimeout, keepAlive, allowRemoteHeavyLoad, paths, preflight, api, tools);
  }

  /**
   * The base URL every path is put after: the host root, or a prefix under it (a gateway's /llm). One trailing /v1
   * (OPENAI_BASE_URL's habit: http://host:8000/v1) is dropped when the paths start with /v1 themselves, which would
   * otherwise ask for /v1/v1/models; a trailing slash is dropped too.
   */
  public static String rootOf(String baseUrl, Collection<String> paths) {
    String root = baseUrl.replaceAll("/+$", "");
    boolean versioned = paths.stream().anyMatch(path -> path.startsWith(API_VERSION + "/"));
    return versioned && root.endsWith(API_VERSION) && root.indexOf("/", root.indexOf("//") + 2) >= 0
        ? root.substring(0, root.length() - API_VERSION.length())
        : root;
  }

  public static String wsUrlOf(String httpUrl) {
    return httpUrl.replaceFirst("^http", "ws");
  }

  @Override
  public String toString() {
    return "TargetConfig[" + (embedded ? EMBEDDED : SecretMasking.mask(baseUrl)) + ", ws=" + wsUrl + ", model=" + model
        + ", apiKey=" + (apiKey.isEmpty() ? "<none>" : "<set>") + "]";
  }
}
