package llmperf.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** Request and error counts per route, for /api/v1/llm/performance/metrics. */
final class RouteMetrics {

  static final class Counter {
    private final LongAdder count = new LongAdder();
    private final LongAdder errors = new LongAdder();

    void request() {
      count.increment();
    }

    /** Any 4xx or 5xx answer, including the injected ones. */
    void status(int code) {
      if (code >= 400) {
        errors.increment();
      }
    }
  }

  // Filled while the router is built, before the server accepts anything; read-only afterwards.
  private final Map<String, Counter> byRoute = new LinkedHashMap<>();

  Counter register(String key) {
    return byRoute.computeIfAbsent(key, k -> new Counter());
  }

  ObjectNode toJson() {
    ObjectNode root = Json.object();
    ObjectNode routes = root.putObject("routes");
    byRoute.forEach((key, c) -> {
      ObjectNode node = routes.putObject(key);
      node.put("count", c.count.sum());
      node.put("errors", c.errors.sum());
    });
    return root;
  }
}
