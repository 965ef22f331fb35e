package llmperf.server;

import static io.netty.handler.codec.http.HttpMethod.GET;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.handler.codec.http.HttpResponseStatus;

/** T3's self-reporting: the target's own counters, a health verdict and per-route metrics. */
final class PerfRoutes {

  private final TargetState target;

  PerfRoutes(TargetState target) {
    this.target = target;
  }

  void register(Router router) {
    router.add(GET, "/api/v1/llm/performance/stats", Router.Auth.JWT, Router.Timing.REST,
        this::stats);
    router.add(GET, "/api/v1/llm/performance/health", Router.Auth.JWT, Router.Timing.REST,
        this::health);
    router.add(GET, "/api/v1/llm/performance/metrics", Router.Auth.JWT, Router.Timing.REST,
        ex -> ex.sendJson(HttpResponseStatus.OK, target.metrics.toJson()));
  }

  private void stats(Exchange ex) {
    TargetStats s = target.stats();
    Runtime rt = Runtime.getRuntime();
    ObjectNode body = Json.object();
    body.put("requests_total", s.requestsTotal());
    body.put("active_streams", s.activeStreams());
    body.put("queue_depth", s.queueDepth());
    body.put("slots", s.slots());
    body.put("queue_capacity", s.queueCapacity());
    body.put("rejected_total", s.rejectedTotal());
    body.put("completed_streams", s.completedStreams());
    body.put("heap_used_bytes", rt.totalMemory() - rt.freeMemory());
    body.put("heap_max_bytes", rt.maxMemory());
    body.put("uptime_ms", target.uptimeMillis());
    ex.sendJson(HttpResponseStatus.OK, body);
  }

  private void health(Exchange ex) {
    TargetStats s = target.stats();
    ObjectNode body = Json.object();
    // Degraded once the queue is more than half full: new generations will wait noticeably.
    body.put("status", s.queueDepth() * 2 > s.queueCapacity() ? "degraded" : "healthy");
    body.put("active_streams", s.activeStreams());
    body.put("queue_depth", s.queueDepth());
    ex.sendJson(HttpResponseStatus.OK, body);
  }
}
