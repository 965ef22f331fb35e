package llmperf.suite.endpoints;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.jmesPath;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;
import static llmperf.suite.endpoints.PlatformEndpoints.authorized;

import io.gatling.javaapi.http.HttpRequestActionBuilder;
import java.util.Map;
import java.util.UUID;
import llmperf.config.TargetConfig;

/** T3's provider API keys: create, list, validate, delete. The keys sent are throwaway values, never real ones. */
public final class ApiKeyEndpoints {

  private final TargetConfig target;

  public ApiKeyEndpoints(TargetConfig target) {
    this.target = target;
  }

  public HttpRequestActionBuilder create() {
    return authorized(http("create api key").post(target.path("api-keys")))
        .body(StringBody(session -> JsonBody.of(Map.of(
            "provider", session.getString("provider"),
            "name", "load-test",
            "key", "sk-loadtest-" + UUID.randomUUID()))))
        .asJson()
        .check(status().is(201), jmesPath("id").notNull().saveAs(SessionKeys.API_KEY_ID),
            jmesPath("masked_key").notNull());
  }

  public HttpRequestActionBuilder list() {
    return authorized(http("list api keys").get(target.path("api-keys")))
        .check(status().is(200), jmesPath("api_keys").notNull());
  }

  public HttpRequestActionBuilder validate() {
    return authorized(http("validate api key").post(keyPath() + "/validate"))
        .check(status().is(200), jmesPath("valid").ofBoolean().is(true));
  }

  public HttpRequestActionBuilder delete() {
    return authorized(http("delete api key").delete(keyPath())).check(status().is(204));
  }

  private String keyPath() {
    return target.path("api-keys") + "/#{" + SessionKeys.API_KEY_ID + "}";
  }
}
