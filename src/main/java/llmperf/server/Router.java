package llmperf.server;

import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Maps method and path to a route, then applies what every route shares, in this order: 404/405, auth
 * (401), the errorRate fault (500), the service time, the route itself.
 */
final class Router {

  /** Who may call a route. Unauthenticated routes (health, login, admin, metrics) are never hit by errorRate. */
  enum Auth { NONE, JWT, API_KEY, ANTHROPIC_KEY }

  /** Which service-time distribution delays the route's complete responses. */
  enum Timing { NONE, REST, ML }

  interface Handler {
    void handle(Exchange ex);
  }

  private record Route(HttpMethod method, String[] segments, Auth auth, Timing timing, Handler handler,
      RouteMetrics.Counter counter) {}

  private final TargetState target;
  private final List<Route> routes = new ArrayList<>();
  private final RouteMetrics.Counter unmatched;

  Router(TargetState target) {
    this.target = target;
    new SessionRoutes(target).register(this);
    new ChatRoutes(target).register(this);
    new OpenAiRoutes(target).register(this);
    new ResponsesRoutes(target).register(this);
    new AnthropicRoutes(target).register(this);
    new CompletionsRoutes(target).register(this);
    new VoiceRoutes(target).register(this);
    new MlRoutes().register(this);
    new ApiKeyRoutes(target).register(this);
    new PerfRoutes(target).register(this);
    new AdminRoutes(target).register(this);
    new MetricsRoutes(target).register(this);
    new WebSocketRoutes(target).register(this);
    this.unmatched = target.metrics.register("unmatched");
  }

  /** Adds a route; {name} segments of the template match any one path segment. */
  void add(HttpMethod method, String template, Auth auth, Timing timing, Handler handler) {
    routes.add(new Route(method, template.substring(1).split("/"), auth, timing, handler,
        target.metrics.register(method.name() + " " + template)));
  }

  /** Every route's path template, each once, in the order the routes were added. */
  Set<String> templates() {
    Set<String> templates = new LinkedHashSet<>();
    routes.forEach(route -> templates.add("/" + String.join("/", route.segments)));
    return templates;
  }

  void dispatch(Exchange ex) {
    String[] segments = ex.path.length() > 1 ? ex.path.substring(1).split("/", -1) : new String[] {""};
    Set<String> allowed = new LinkedHashSet<>();
    for (Route route : routes) {
      Map<String, String> params = match(route.segments, segments);
      if (params == null) {
        continue;
      }
      if (route.method.equals(ex.method)) {
        ex.matched(params, route.counter,
            route.auth == Auth.ANTHROPIC_KEY ? ErrorShape.ANTHROPIC : ErrorShape.OPENAI);
        serve(route, ex);
        return;
      }
      allowed.add(route.method.name());
    }
    ex.matched(Map.of(), unmatched, ErrorShape.OPENAI);
    if (allowed.isEmpty()) {
      ex.sendError(HttpError.notFound("no route for " + ex.method + " " + ex.path));
    } else {
      FullHttpResponse resp = JsonErrors.response(HttpResponseStatus.METHOD_NOT_ALLOWED,
          "invalid_request_error", ex.method + " is not allowed on " + ex.path);
      resp.headers().set(HttpHeaderNames.ALLOW, String.join(", ", allowed));
      ex.send(resp);
    }
  }

  /** The path parameters when the path fits the template, else null. */
  private static Map<String, String> match(String[] template, String[] path) {
    if (template.length != path.length) {
      return null;
    }
    // Check first, collect after: most routes do not match and should cost no allocation.
    for (int i = 0; i < template.length; i++) {
      boolean param = template[i].startsWith("{");
      if (param ? path[i].isEmpty() : !template[i].equals(path[i])) {
        return null;
      }
    }
    Map<String, String> params = new HashMap<>(4);
    for (int i = 0; i < template.length; i++) {
      if (template[i].startsWith("{")) {
        params.put(template[i].substring(1, template[i].length() - 1), path[i]);
      }
    }
    return params;
  }

  private void serve(Route route, Exchange ex) {
    try {
      authenticate(route.auth, ex);
      if (route.auth != Auth.NONE && ex.random.nextDouble() < ex.faults.errorRate()) {
        ex.send(ex.errors().response(HttpResponseStatus.INTERNAL_SERVER_ERROR, "server_error",
            "injected failure (errorRate fault)"));
        return;
      }
      switch (route.timing) {
        case REST -> ex.delay(target.model.restNanos(ex.random, ex.faults));
        case ML -> ex.delay(target.model.mlNanos(ex.random, ex.faults));
        case NONE -> { }
      }
      route.handler.handle(ex);
    } catch (HttpError e) {
      ex.sendError(e);
    } catch (RuntimeException e) {
      // A bug in a route must still answer with a status, never leave the client hanging.
      ex.send(ex.errors().response(HttpResponseStatus.INTERNAL_SERVER_ERROR, "server_error",
          "internal error: " + e));
    }
  }

  private void authenticate(Auth auth, Exchange ex) {
    switch (auth) {
      case NONE -> { }
      case JWT -> ex.authenticatedAs(
          jwtSubject(bearer(ex.headers.get(HttpHeaderNames.AUTHORIZATION)))
              .orElseThrow(() -> HttpError.unauthorized("missing, invalid or expired bearer token")));
      case API_KEY -> {
        // ElevenLabs' header on the voice routes, Anthropic's on /v1/models (which Claude's API serves too).
        String key = ex.headers.get("xi-api-key");
        if (key == null) {
          key = ex.headers.get("x-api-key");
        }
        if (key == null) {
          key = bearer(ex.headers.get(HttpHeaderNames.AUTHORIZATION));
        }
        if (!target.settings.apiKey().equals(key)) {
          throw HttpError.unauthorized("missing or invalid API key");
        }
      }
      case ANTHROPIC_KEY -> {
        // Anthropic's own header; its Java SDK 3.x sends the same key as a bearer token.
        String key = ex.headers.get("x-api-key");
        if (key == null) {
          key = bearer(ex.headers.get(HttpHeaderNames.AUTHORIZATION));
        }
        if (!target.settings.apiKey().equals(key)) {
          throw HttpError.unauthorized("missing or invalid x-api-key header");
        }
      }
    }
  }

  /** The subject of a valid, unexpired JWT; empty for a null token. */
  static Optional<String> jwtSubject(String token) {
    return token == null ? Optional.empty() : Jwt.verify(token, System.currentTimeMillis() / 1000);
  }

  /** The token of an "Authorization: Bearer ..." header, or null. */
  static String bearer(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    return authorization.substring(7).trim();
  }
}
