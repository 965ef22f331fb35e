package llmperf.preflight;

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
 * (masked) and the cause. The WebSocket host, when it is another, gets a TCP connect. {@code target.preflight =
 * false} skips it; the embedded target needs none.
 */
public final class Preflight {

  private static final String SKIP = " (-Dtarget.preflight=false skips this probe)";

  private Preflight() {}

  /** Probes the target's {@code pathName} route (health, or models for a bare OpenAI server) with its API key. */
  public static void requireReachable(TargetConfig target, String pathName) {
    if (target.embedded() || !target.preflight()) {
      return;
    }
    URI probe = URI.create(target.baseUrl() + target.path(pathName));
    String url = SecretMasking.mask(probe.toString());
    HttpRequest.Builder request = get(probe, target);
    if (!target.apiKey().isEmpty()) {
      request.header("Authorization", "Bearer " + target.apiKey());
    }
    int status = send(request.build(), HttpResponse.BodyHandlers.discarding(), target).statusCode();
    if (status == 401 || status == 403) {
      throw new PreflightError("GET " + url + ": HTTP " + status + ", the target refused the API key"
          + " (target.api-key or LLM_API_KEY)" + SKIP);
    } else if (status >= 400) {
      throw new PreflightError("GET " + url + ": HTTP " + status + " (target.paths." + pathName
          + " names the route)" + SKIP);
    }
    requireWebSocketHostReachable(target);
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
    HttpResponse<String> response = send(get(probe, target).build(), HttpResponse.BodyHandlers.ofString(), target);
    if (response.statusCode() != 200) {
      throw new PreflightError("GET " + url + ": HTTP " + response.statusCode()
          + " (target.metrics.url names the target's Prometheus endpoint)" + SKIP);
    }
    PrometheusText.Exposition exposition;
    try {
      exposition = PrometheusText.parse(response.body());
    } catch (IllegalArgumentException e) {
      throw new PreflightError("GET " + url + ": not Prometheus text, " + e.getMessage() + SKIP);
    }
    for (Budget budget : budgets) {
      if (budget.isResource()) {
        ResourceSeries series = metrics.series().stream().filter(s -> s.name().equals(budget.scope().get(1)))
            .findFirst().orElseThrow();
        if (exposition.sum(series.metric(), series.labels()).isEmpty()) {
          throw new PreflightError(budget.key() + " bounds " + series.selector() + ", which " + url
              + " does not expose (target.metrics.series." + series.name() + " names the metric)" + SKIP);
        }
      }
    }
  }

  private static HttpRequest.Builder get(URI uri, TargetConfig target) {
    return HttpRequest.newBuilder(uri).timeout(target.connectTimeout()).GET()
        .header("User-Agent", TargetConfig.USER_AGENT);
  }

  private static <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body, TargetConfig target) {
    HttpClient client = HttpClient.newBuilder().connectTimeout(target.connectTimeout())
        .followRedirects(HttpClient.Redirect.NORMAL).build();
    String url = SecretMasking.mask(request.uri().toString());
    try {
      return client.send(request, body);
    } catch (IOException e) {
      throw new PreflightError("GET " + url + ": " + cause(e, target) + SKIP);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PreflightError("GET " + url + ": interrupted" + SKIP);
    }
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
  private static String cause(IOException e, TargetConfig target) {
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
