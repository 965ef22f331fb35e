package llmperf.suite.endpoints;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import llmperf.client.StreamClient;
import llmperf.config.CompletionApi;
import llmperf.config.TargetConfig;

/** Streamed requests for the suite's own client: the target's URL, the suite's user agent, a bearer token. */
final class StreamRequests {

  private StreamRequests() {}

  static StreamClient.Request get(TargetConfig target, String path, String bearer) {
    return new StreamClient.Request(HttpMethod.GET, URI.create(target.baseUrl() + path), headers(bearer), null);
  }

  static StreamClient.Request postJson(TargetConfig target, String path, String bearer, String json) {
    HttpHeaders headers = headers(bearer).set(HttpHeaderNames.CONTENT_TYPE, "application/json");
    return new StreamClient.Request(HttpMethod.POST, URI.create(target.baseUrl() + path), headers,
        json.getBytes(StandardCharsets.UTF_8));
  }

  /** A completion request with the key as the target's API takes it (see {@link CompletionBodies}). */
  static StreamClient.Request postCompletion(TargetConfig target, String json) {
    HttpHeaders headers = new DefaultHttpHeaders()
        .set(HttpHeaderNames.USER_AGENT, TargetConfig.USER_AGENT)
        .set(HttpHeaderNames.CONTENT_TYPE, "application/json");
    if (target.api() == CompletionApi.MESSAGES) {
      headers.set("x-api-key", target.apiKey()).set("anthropic-version", CompletionApi.ANTHROPIC_VERSION);
    } else {
      headers.set(HttpHeaderNames.AUTHORIZATION, "Bearer " + target.apiKey());
    }
    return new StreamClient.Request(HttpMethod.POST, URI.create(target.baseUrl() + target.apiPath()), headers,
        json.getBytes(StandardCharsets.UTF_8));
  }

  private static HttpHeaders headers(String bearer) {
    return new DefaultHttpHeaders()
        .set(HttpHeaderNames.USER_AGENT, TargetConfig.USER_AGENT)
        .set(HttpHeaderNames.AUTHORIZATION, "Bearer " + bearer);
  }
}
