package llmperf.suite.endpoints;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.jmesPath;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;
import static llmperf.suite.endpoints.PlatformEndpoints.authorized;

import io.gatling.javaapi.http.HttpRequestActionBuilder;
import java.util.Map;
import llmperf.config.TargetConfig;

/** BetterPrompts' ML pipeline: intent classification, technique selection, enhanced prompt. */
public final class EnhanceEndpoints {

  private final TargetConfig target;

  public EnhanceEndpoints(TargetConfig target) {
    this.target = target;
  }

  public HttpRequestActionBuilder enhance() {
    return authorized(http("enhance").post(target.path("enhance")))
        .body(StringBody(session -> JsonBody.of(Map.of("prompt", session.getString("prompt")))))
        .asJson()
        .check(status().is(200),
            jmesPath("intent.label").notNull(),
            jmesPath("techniques[0]").notNull(),
            jmesPath("enhanced_prompt").notNull(),
            jmesPath("enhanced_prompt").not(""));
  }
}
