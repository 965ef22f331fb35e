package llmperf.support;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * A Prometheus endpoint on loopback (the JDK's HTTP server), serving at /metrics what {@code exposition} gives for
 * the scrape's number (1, 2, ...): a vLLM whose counters move as the test decides. A null exposition answers 503.
 */
public final class FakePrometheus implements AutoCloseable {

  private final HttpServer server;
  private final AtomicInteger scrapes = new AtomicInteger();

  private FakePrometheus(HttpServer server) {
    this.server = server;
  }

  public static FakePrometheus serving(IntFunction<String> exposition) throws IOException {
    FakePrometheus fake = new FakePrometheus(
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
    fake.server.createContext("/metrics", exchange -> {
      String body = exposition.apply(fake.scrapes.incrementAndGet());
      if (body == null) {
        exchange.sendResponseHeaders(503, -1);
      } else {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(bytes);
        }
      }
      exchange.close();
    });
    fake.server.start();
    return fake;
  }

  /** A vLLM-like exposition: requests running and waiting, KV-cache usage (a fraction), preemptions (a counter). */
  public static String vllm(double running, double waiting, double kvCacheFraction, double preemptions) {
    return "# HELP vllm:num_requests_running Number of requests in model execution batches.\n"
        + "# TYPE vllm:num_requests_running gauge\n"
        + "vllm:num_requests_running{engine=\"0\",model_name=\"m\"} " + running + "\n"
        + "# HELP vllm:num_requests_waiting Number of requests waiting to be processed.\n"
        + "# TYPE vllm:num_requests_waiting gauge\n"
        + "vllm:num_requests_waiting{engine=\"0\",model_name=\"m\"} " + waiting + "\n"
        + "# TYPE vllm:kv_cache_usage_perc gauge\n"
        + "vllm:kv_cache_usage_perc{engine=\"0\",model_name=\"m\"} " + kvCacheFraction + "\n"
        + "# TYPE vllm:num_preemptions_total counter\n"
        + "vllm:num_preemptions_total{engine=\"0\",model_name=\"m\"} " + preemptions + "\n"
        + "# TYPE vllm:time_to_first_token_seconds histogram\n"
        + "vllm:time_to_first_token_seconds_bucket{le=\"0.1\",model_name=\"m\"} 3.0\n"
        + "vllm:time_to_first_token_seconds_bucket{le=\"+Inf\",model_name=\"m\"} 5.0\n"
        + "vllm:time_to_first_token_seconds_count{model_name=\"m\"} 5.0\n";
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/metrics";
  }

  public int scrapes() {
    return scrapes.get();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
