package llmperf.server;

import static io.netty.handler.codec.http.HttpMethod.GET;
import static io.netty.handler.codec.http.HttpMethod.POST;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.handler.codec.http.HttpResponseStatus;

/** Health and login: the two /api/v1 routes that need no token. */
final class SessionRoutes {

  private final TargetState target;

  SessionRoutes(TargetState target) {
    this.target = target;
  }

  void register(Router router) {
    router.add(GET, "/api/v1/health", Router.Auth.NONE, Router.Timing.REST, this::health);
    router.add(POST, "/api/v1/auth/login", Router.Auth.NONE, Router.Timing.REST, this::login);
  }

  private void health(Exchange ex) {
    ObjectNode body = Json.object();
    body.put("status", "ok");
    body.put("uptime_ms", target.uptimeMillis());
    ex.sendJson(HttpResponseStatus.OK, body);
  }

  private void login(Exchange ex) {
    ObjectNode request = ex.jsonBody();
    String username = Json.optionalText(request, "username");
    String password = Json.optionalText(request, "password");
    if (username == null || username.isBlank() || !target.settings.userPassword().equals(password)) {
      throw HttpError.unauthorized("invalid username or password");
    }
    ObjectNode body = Json.object();
    body.put("access_token", Jwt.issue(username, System.currentTimeMillis() / 1000));
    body.put("token_type", "bearer");
    body.put("expires_in", Jwt.LIFETIME_SECONDS);
    ex.sendJson(HttpResponseStatus.OK, body);
  }
}
