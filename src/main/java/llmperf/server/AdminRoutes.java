package llmperf.server;

import static io.netty.handler.codec.http.HttpMethod.GET;
import static io.netty.handler.codec.http.HttpMethod.POST;
import static io.netty.handler.codec.http.HttpMethod.PUT;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.time.Duration;
import java.util.Map;

/**
 * Faults at run time: GET shows them, PUT replaces the fields it names; and the server's records of the finished
 * generations by their x-request-id. No auth: the target listens on loopback, and a run must be able to switch faults off whatever
 * else is broken.
 */
final class AdminRoutes {

  private final TargetState target;

  AdminRoutes(TargetState target) {
    this.target = target;
  }

  void register(Router router) {
    router.add(GET, "/admin/faults", Router.Auth.NONE, Router.Timing.NONE,
        ex -> ex.sendJson(HttpResponseStatus.OK, json(target.faults())));
    router.add(PUT, "/admin/faults", Router.Auth.NONE, Router.Timing.NONE, this::update);
    router.add(POST, "/admin/requests/collect", Router.Auth.NONE, Router.Timing.NONE, this::collect);
  }

  /**
   * The server's records of every finished generation (see {@link EmbeddedTarget.ServerRecord}), handed out once:
   * for a suite in another process, after its run.
   */
  private void collect(Exchange ex) {
    // The record's own components are the field names: the suite reads them back into the same record.
    ObjectNode body = Json.object();
    body.set("requests", Json.MAPPER.valueToTree(target.traces.collectFinished()));
    ex.sendJson(HttpResponseStatus.OK, body);
  }

  static ObjectNode json(Faults f) {
    return Json.object()
        .put("error_rate", f.errorRate())
        .put("latency_multiplier", f.latencyMultiplier())
        .put("ttft_extra_ms", f.ttftExtra().toNanos() / 1e6)
        .put("stall_rate", f.stallRate())
        .put("stall_ms", f.stallDuration().toNanos() / 1e6)
        .put("drop_rate", f.dropRate())
        .put("truncate_rate", f.truncateRate())
        .put("window", f.window().text())
        .put("latency_growth_per_minute", f.latencyGrowthPerMinute());
  }

  private void update(Exchange ex) {
    ObjectNode request = ex.jsonBody();
    Faults f = target.faults();
    double errorRate = f.errorRate();
    double latencyMultiplier = f.latencyMultiplier();
    Duration ttftExtra = f.ttftExtra();
    double stallRate = f.stallRate();
    Duration stall = f.stallDuration();
    double dropRate = f.dropRate();
    double truncateRate = f.truncateRate();
    FaultWindow window = f.window();
    double growth = f.latencyGrowthPerMinute();
    // Validate every field before changing anything, so a bad request leaves the faults as they were.
    for (Map.Entry<String, JsonNode> field : request.properties()) {
      String name = field.getKey();
      JsonNode value = field.getValue();
      switch (name) {
        case "error_rate" -> errorRate = rate(name, value);
        case "latency_multiplier" -> latencyMultiplier = nonNegative(name, value);
        case "ttft_extra_ms" -> ttftExtra = millis(name, value);
        case "stall_rate" -> stallRate = rate(name, value);
        case "stall_ms" -> stall = millis(name, value);
        case "drop_rate" -> dropRate = rate(name, value);
        case "truncate_rate" -> truncateRate = rate(name, value);
        case "window" -> window = window(name, value);
        case "latency_growth_per_minute" -> growth = nonNegative(name, value);
        default -> throw HttpError.badRequest("unknown fault field '" + name + "'");
      }
    }
    Faults updated = new Faults(errorRate, latencyMultiplier, ttftExtra, stallRate, stall, dropRate,
        truncateRate, window, growth);
    target.setFaults(updated);
    ex.sendJson(HttpResponseStatus.OK, json(updated));
  }

  private static FaultWindow window(String name, JsonNode value) {
    if (!value.isTextual()) {
      throw HttpError.badRequest("'" + name + "' must be a string: " + FaultWindow.ALLOWED);
    }
    try {
      return FaultWindow.parse(value.asText());
    } catch (IllegalArgumentException e) {
      throw HttpError.badRequest("'" + name + "': " + e.getMessage());
    }
  }

  private static double number(String name, JsonNode value) {
    if (!value.isNumber() || !Double.isFinite(value.doubleValue())) {
      throw HttpError.badRequest("'" + name + "' must be a number");
    }
    return value.doubleValue();
  }

  private static double rate(String name, JsonNode value) {
    double v = number(name, value);
    if (v < 0 || v > 1) {
      throw HttpError.badRequest("'" + name + "' must be between 0 and 1");
    }
    return v;
  }

  private static double nonNegative(String name, JsonNode value) {
    double v = number(name, value);
    if (v < 0) {
      throw HttpError.badRequest("'" + name + "' must not be negative");
    }
    return v;
  }

  private static Duration millis(String name, JsonNode value) {
    return Duration.ofNanos(Math.round(nonNegative(name, value) * 1e6));
  }
}
