package llmperf.server;

import static io.netty.handler.codec.http.HttpMethod.GET;
import static io.netty.handler.codec.http.HttpMethod.POST;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.handler.codec.http.HttpResponseStatus;

/** The chat platform: agents, channels, message history, and a posted message's reply as SSE. */
final class ChatRoutes {

  private static final int DEFAULT_PAGE = 20;
  private static final int MAX_PAGE = 100;

  private final TargetState target;
  private final ChatStore store;

  ChatRoutes(TargetState target) {
    this.target = target;
    this.store = target.chat;
  }

  void register(Router router) {
    router.add(GET, "/api/v1/agents", Router.Auth.JWT, Router.Timing.REST, this::agents);
    router.add(GET, "/api/v1/channels", Router.Auth.JWT, Router.Timing.REST, this::channels);
    router.add(POST, "/api/v1/channels/{id}/messages", Router.Auth.JWT, Router.Timing.REST,
        this::post);
    router.add(GET, "/api/v1/channels/{id}/messages", Router.Auth.JWT, Router.Timing.REST,
        this::history);
    router.add(GET, "/api/v1/channels/{id}/messages/{replyId}/stream", Router.Auth.JWT,
        Router.Timing.NONE, this::stream);
  }

  private void agents(Exchange ex) {
    ObjectNode body = Json.object();
    ArrayNode list = body.putArray("agents");
    for (ChatStore.Agent a : store.agents()) {
      list.addObject().put("id", a.id()).put("name", a.name()).put("model", a.model())
          .put("description", a.description());
    }
    ex.sendJson(HttpResponseStatus.OK, body);
  }

  private void channels(Exchange ex) {
    ObjectNode body = Json.object();
    ArrayNode list = body.putArray("channels");
    for (ChatStore.ChatChannel c : store.channels()) {
      list.addObject().put("id", c.id()).put("name", c.name()).put("agent_id", c.agentId());
    }
    ex.sendJson(HttpResponseStatus.OK, body);
  }

  private String channel(Exchange ex) {
    String id = ex.pathParam("id");
    if (!store.hasChannel(id)) {
      throw HttpError.notFound("unknown channel " + id);
    }
    return id;
  }

  private void post(Exchange ex) {
    String channelId = channel(ex);
    ObjectNode request = ex.jsonBody();
    String content = Json.requiredText(request, "content");
    String agentId = Json.optionalText(request, "agent_id");
    if (agentId != null && !store.hasAgent(agentId)) {
      throw HttpError.badRequest("unknown agent_id " + agentId);
    }
    int maxTokens = target.model.maxTokens(Json.optionalPositiveInt(request, "max_tokens", 0));
    ChatStore.Message message = store.append(channelId, "user", content);
    ChatStore.PendingReply reply = store.addPending(channelId, content, maxTokens);
    ObjectNode body = Json.object();
    body.put("id", message.id());
    body.put("reply_id", reply.id());
    body.put("channel_id", channelId);
    body.put("status", "queued");
    ex.sendJson(HttpResponseStatus.ACCEPTED, body);
  }

  private void history(Exchange ex) {
    String channelId = channel(ex);
    int limit = DEFAULT_PAGE;
    String limitParam = ex.query("limit");
    if (limitParam != null) {
      try {
        limit = Integer.parseInt(limitParam);
      } catch (NumberFormatException e) {
        limit = -1;
      }
      if (limit < 1 || limit > MAX_PAGE) {
        throw HttpError.badRequest("limit must be an integer in 1.." + MAX_PAGE);
      }
    }
    ChatStore.Page page = store.page(channelId, limit, beforeSeq(ex.query("before")));
    ObjectNode body = Json.object();
    ArrayNode list = body.putArray("messages");
    for (ChatStore.Message m : page.messages()) {
      list.addObject().put("id", m.id()).put("role", m.role()).put("content", m.content())
          .put("created_at", m.createdAt().toString());
    }
    body.put("has_more", page.hasMore());
    if (page.hasMore()) {
      body.put("next_before", page.messages().get(page.messages().size() - 1).id());
    } else {
      body.putNull("next_before");
    }
    ex.sendJson(HttpResponseStatus.OK, body);
  }

  /** The "before" cursor is a message id, msg-N; messages older than N follow. */
  private static Long beforeSeq(String before) {
    if (before == null) {
      return null;
    }
    try {
      if (before.startsWith("msg-")) {
        return Long.parseLong(before.substring(4));
      }
    } catch (NumberFormatException e) {
      // falls through to the 400 below
    }
    throw HttpError.badRequest("before must be a message id (msg-N)");
  }

  private void stream(Exchange ex) {
    String channelId = channel(ex);
    ChatStore.PendingReply reply = store.takePending(channelId, ex.pathParam("replyId"))
        .orElseThrow(() -> HttpError.notFound("unknown reply " + ex.pathParam("replyId")));
    GenerationPlan plan = target.model.plan(ex.random, ex.faults, reply.prompt().length(),
        reply.maxTokens(), true, 0, target.prefixCache.serve(reply.prompt()));
    SseChatSink sink = new SseChatSink(channelId, reply.id());
    if (!ex.generate(plan, sink)) {
      store.restorePending(reply);
      return;
    }
    sink.out = ex.startEventStream(plan);
  }

  /** token events, then done with usage; the finished reply joins the channel's history. */
  private final class SseChatSink extends EventStreamSink {
    private final String channelId;
    private final String replyId;

    SseChatSink(String channelId, String replyId) {
      this.channelId = channelId;
      this.replyId = replyId;
    }

    @Override
    public void started() {
      // Headers went out on admission; the first event is the first token.
    }

    @Override
    public void token(int index, String text) {
      // Vocabulary words need no JSON escaping.
      out.text(StreamWriter.sseEvent("token",
          "{\"content\":\"" + text + "\",\"index\":" + index + "}"));
    }

    @Override
    public void done(GenerationPlan plan) {
      out.text(StreamWriter.sseEvent("done",
          "{\"reply_id\":\"" + replyId + "\",\"usage\":" + plan.usageJson() + "}"));
      out.end();
      store.append(channelId, "assistant", plan.text().substring(1));
    }

    @Override
    public void failed(String reason) {
      out.text(StreamWriter.sseEvent("error", "{\"message\":" + Json.quote(reason) + "}"));
      out.end();
    }
  }
}
