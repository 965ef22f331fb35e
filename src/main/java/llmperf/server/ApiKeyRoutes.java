package llmperf.server;

import static io.netty.handler.codec.http.HttpMethod.DELETE;
import static io.netty.handler.codec.http.HttpMethod.GET;
import static io.netty.handler.codec.http.HttpMethod.POST;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;

/** T3's provider-key management: create, list, validate, delete; scoped to the JWT's user. */
final class ApiKeyRoutes {

  private final ApiKeyStore store;

  ApiKeyRoutes(TargetState target) {
    this.store = target.apiKeys;
  }

  void register(Router router) {
    router.add(POST, "/api/v1/api-keys", Router.Auth.JWT, Router.Timing.REST, this::create);
    router.add(GET, "/api/v1/api-keys", Router.Auth.JWT, Router.Timing.REST, this::list);
    router.add(POST, "/api/v1/api-keys/{id}/validate", Router.Auth.JWT, Router.Timing.REST,
        this::validate);
    router.add(DELETE, "/api/v1/api-keys/{id}", Router.Auth.JWT, Router.Timing.REST, this::delete);
  }

  private static ObjectNode json(ApiKeyStore.ApiKey key) {
    return Json.object()
        .put("id", key.id())
        .put("provider", key.provider())
        .put("name", key.name())
        .put("masked_key", key.maskedKey())
        .put("created_at", key.createdAt().toString());
  }

  private void create(Exchange ex) {
    ObjectNode request = ex.jsonBody();
    String provider = Json.requiredText(request, "provider");
    String key = Json.requiredText(request, "key");
    String name = Json.optionalText(request, "name");
    ApiKeyStore.ApiKey created =
        store.create(ex.user(), provider, name != null ? name : provider + " key", key);
    ex.sendJson(HttpResponseStatus.CREATED, json(created));
  }

  private void list(Exchange ex) {
    ObjectNode body = Json.object();
    ArrayNode list = body.putArray("api_keys");
    store.list(ex.user()).forEach(k -> list.add(json(k)));
    ex.sendJson(HttpResponseStatus.OK, body);
  }

  private ApiKeyStore.ApiKey existing(Exchange ex) {
    ApiKeyStore.ApiKey key = store.get(ex.user(), ex.pathParam("id"));
    if (key == null) {
      throw HttpError.notFound("unknown api key " + ex.pathParam("id"));
    }
    return key;
  }

  private void validate(Exchange ex) {
    ApiKeyStore.ApiKey key = existing(ex);
    ex.sendJson(HttpResponseStatus.OK, Json.object().put("id", key.id()).put("valid", key.valid()));
  }

  private void delete(Exchange ex) {
    if (!store.delete(ex.user(), ex.pathParam("id"))) {
      throw HttpError.notFound("unknown api key " + ex.pathParam("id"));
    }
    ex.send(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NO_CONTENT));
  }
}
