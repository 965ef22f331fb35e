package llmperf.preflight;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLException;
import llmperf.budgets.Budget;
import llmperf.config.TargetConfig;
import llmperf.resources.PrometheusText;
import llmperf.resources.ResourceSeries;
import llmperf.resources.TargetMetrics;
import llmperf.safety.SecretMasking;

/**
 * One request to the target before any load: a run against a port nothing listens on, a host that does not
 * resolve, a certificate that fails, a server that never answers or a key it refuses would otherwise start its load
 * anyway and end minutes later as a wall of errors. Each of those stops the run with one line naming the URL
 * (masked) and the cause; so does a model list without target.model, and a metrics endpoint that refuses its key or
 * does not speak Prometheus text. The WebSocket host, when it is another, gets a TCP connect. {@code target.preflight =
 * false} skips it; the embedded target needs none.
 */
public final class Preflight {

  static final String SKIP = " (-Dtarget.preflight=false skips this probe)";
  private static final String MODELS = "models";
  private static final String METRICS_SETTING = "target.metrics.url: ";
  private static final String METRICS_HEADLINE = "Target metrics unusable";
  private static final String MODEL_HEADLINE = "Model not served";
  private static final ObjectMapper JSON = new ObjectMapper();

  private Preflight() {}

  /**
   * Probes the target's {@code pathName} route (health, or models for a bare OpenAI server) with its API key; the
   * models route must list target.model, which every completion names.
   */
  public static void requireReachable(TargetConfig target, String pathName) {
    if (target.embedded() || !target.preflight()) {
      return;
    }
    URI probe = URI.create(target.baseUrl() + target.path(pathName));
    String url = SecretMasking.mask(probe.toString());
    HttpRequest.Builder request = get(probe, target, target.apiKey());
    HttpResponse<String> response = send(request.build(), HttpResponse.BodyHandlers.ofString(), target, "");
    int status = response.statusCode();
    if (status == 401 || status == 403) {
      throw new PreflightError("GET " + url + ": HTTP " + status + ", the target refused the API key"
          + " (target.api-key or LLM_API_KEY)" + SKIP);
    } else if (status >= 400) {
      throw new PreflightError("GET " + url + ": HTTP " + status + " (target.paths." + pathName
          + " names the route)" + SKIP);
    }
    if (pathName.equals(MODELS)) {
      requireModelServed(target, url, response.body());
    }
    requireWebSocketHostReachable(target);
  }

  /** A completion naming a model the server does not serve fails every time: say so with the names it does serve. */
  private static void requireModelServed(TargetConfig target, String url, String body) {
    JsonNode data;
    try {
      data = JSON.readTree(body).path("data");
    } catch (JsonProcessingException e) {
      data = null;
    }
    if (data == null || !data.isArray()) {
      throw new PreflightError(MODEL_HEADLINE, "GET " + url + ": not an OpenAI model list (no \"data\" array;"
          + " target.paths.models names the route)" + SKIP);
    }
    List<String> served = new ArrayList<>();
    data.forEach(model -> served.add(model.path("id").asText()));
    if (!served.contains(target.model())) {
      throw new PreflightError(MODEL_HEADLINE, "target.model '" + target.model() + "' is not served by "
          + SecretMasking.mask(target.baseUrl()) + ": it serves "
          + (served.isEmpty() ? "no model" : String.join(", ", served)) + SKIP);
    }
  }

  /**
   * Scrapes target.metrics.url once: an endpoint that does not answer with Prometheus text, or that lacks a series a
   * budget bounds, stops the run here with one line rather than leaving an empty chart or a failed budget at its end.
   */
  public static void requireMetrics(TargetConfig target, TargetMetrics metrics, List<Budget> budgets) {
    if (metrics.url().isEmpty() || !target.preflight()) {
      return;
    }
    URI probe = URI.create(metrics.url());
    String url = SecretMasking.mask(probe.toString());
    HttpResponse<String> response = send(get(probe, target, metrics.apiKey()).build(),
        HttpResponse.BodyHandlers.ofString(), target, METRICS_SETTING);
    int status = response.statusCode();
    if (status == 401 || status == 403) {
      throw new PreflightError(METRICS_HEADLINE, METRICS_SETTING + "GET " + url + ": HTTP " + status
          + ", refused the key: set target.metrics.api-key or target.api-key" + SKIP);
    } else if (status != 200) {
      throw new PreflightError(METRICS_HEADLINE, METRICS_SETTING + "GET " + url + ": HTTP " + status
          + " (target.metrics.url names the target's Prometheus endpoint)" + SKIP);
    }
    PrometheusText.Exposition exposition;
    try {
      exposition = PrometheusText.parse(response.body());
    } catch (IllegalArgumentException e) {
      throw new PreflightError(METRICS_HEADLINE, METRICS_SETTING + "GET " + url + ": not Prometheus text, "
          + e.getMessage() + SKIP);
    }
    for (Budget budget : budgets) {
      if (budget.isResource()) {
        ResourceSeries series = metrics.series().stream().filter(s -> s.name().equals(budget.scope().get(1)))
            .findFirst().orElseThrow();
        if (exposition.sum(series.metric(), series.labels()).isEmpty()) {
          throw new PreflightError(METRICS_HEADLINE, budget.key() + " bounds " + series.selector() + ", which " + url
              + " does not expose (target.metrics.series." + series.name() + " names the metric)" + SKIP);
        }
      }
    }
  }

  private static HttpRequest.Builder get(URI uri, TargetConfig target, String apiKey) {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(target.connectTimeout()).GET()
        .header("User-Agent", TargetConfig.USER_AGENT);
    if (!apiKey.isEmpty()) {
      request.header("Authorization", "Bearer " + apiKey);
    }
    return request;
  }

  /** @param setting what names the URL, before the line (empty: the target's base URL, named by the headline) */
  private static <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body, TargetConfig target,
      String setting) {
    HttpClient client = HttpClient.newBuilder().connectTimeout(target.connectTimeout())
        .followRedirects(HttpClient.Redirect.NORMAL).build();
    String url = SecretMasking.mask(request.uri().toString());
    try {
      return client.send(request, body);
    } catch (IOException e) {
      throw new PreflightError(headline(setting), setting + "GET " + url + ": " + cause(e, target) + SKIP);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PreflightError(headline(setting), setting + "GET " + url + ": interrupted" + SKIP);
    }
  }

  private static String headline(String setting) {
    return setting.isEmpty() ? "Target unreachable" : METRICS_HEADLINE;
  }

  private static void requireWebSocketHostReachable(TargetConfig target) {
    URI http = URI.create(target.baseUrl());
    URI ws = URI.create(target.wsUrl());
    int wsPort = portOf(ws);
    if (ws.getHost() == null || (ws.getHost().equals(http.getHost()) && wsPort == portOf(http))) {
      return;
    }
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(ws.getHost(), wsPort), Math.toIntExact(target.connectTimeout().toMillis()));
    } catch (IOException e) {
      throw new PreflightError("connect " + SecretMasking.mask(ws.toString()) + ": " + cause(e, target) + SKIP);
    }
  }

  private static int portOf(URI uri) {
    if (uri.getPort() != -1) {
      return uri.getPort();
    }
    return uri.getScheme().equals("https") || uri.getScheme().equals("wss") ? 443 : 80;
  }

  /** What went wrong, in the words a user acts on; the exception's own message when none fits. */
  static String cause(IOException e, TargetConfig target) {
    // The JDK's client wraps the cause (an unresolved name inside a ConnectException): the innermost known one wins.
    if (inChain(e, UnresolvedAddressException.class) || inChain(e, UnknownHostException.class)) {
      return "unknown host (the name does not resolve)";
    } else if (inChain(e, SSLException.class)) {
      return "TLS failed: " + first(e, SSLException.class).getMessage();
    } else if (inChain(e, HttpConnectTimeoutException.class) || inChain(e, SocketTimeoutException.class)) {
      return "no connection within " + target.connectTimeout().toMillis() + " ms (target.timeouts.connect)";
    } else if (inChain(e, HttpTimeoutException.class)) {
      return "connected, but no answer within " + target.connectTimeout().toMillis() + " ms (target.timeouts.connect)";
    } else if (inChain(e, ConnectException.class)) {
      return "connection refused (nothing listens there: is the service up?)";
    }
    return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
  }

  private static boolean inChain(Throwable e, Class<? extends Throwable> type) {
    return first(e, type) != null;
  }

  private static Throwable first(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return t;
      }
    }
    return null;
  }
}
