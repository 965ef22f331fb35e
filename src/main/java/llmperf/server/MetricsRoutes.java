package llmperf.server;

import static io.netty.handler.codec.http.HttpMethod.GET;

import com.sun.management.OperatingSystemMXBean;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * The target's counters and the resources of the process it runs in, in the Prometheus text format at GET /metrics:
 * the reference server scraped as a real service is. No auth, no service time, no errorRate fault: a scrape must show
 * the server as it is, not as the faults make it look.
 */
final class MetricsRoutes {

  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
  private static final String SHARED = "; shared with the load generator when the target is embedded in its JVM.";
  private static final Path PROCESS_STATUS = Path.of("/proc/self/status");

  private final TargetState target;
  private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
  private final OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  MetricsRoutes(TargetState target) {
    this.target = target;
  }

  void register(Router router) {
    router.add(GET, "/metrics", Router.Auth.NONE, Router.Timing.NONE,
        ex -> ex.sendText(HttpResponseStatus.OK, CONTENT_TYPE, exposition()));
  }

  private String exposition() {
    TargetStats s = target.stats();
    MemoryUsage heap = memory.getHeapMemoryUsage();
    StringBuilder out = new StringBuilder(2048);
    series(out, "llmperf_target_active_streams", "gauge", "Generations holding a slot.", "", s.activeStreams());
    series(out, "llmperf_target_queue_depth", "gauge", "Generations waiting for a slot.", "", s.queueDepth());
    series(out, "llmperf_target_slots", "gauge", "Configured generation slots.", "", s.slots());
    series(out, "llmperf_target_queue_capacity", "gauge", "Configured length of the queue for a slot.", "",
        s.queueCapacity());
    series(out, "llmperf_target_rejected_total", "counter",
        "Generations refused with 429 because the slots and the queue were full.", "", s.rejectedTotal());
    series(out, "llmperf_target_completed_streams_total", "counter", "Generations that ran to their terminal event.",
        "", s.completedStreams());
    series(out, "llmperf_target_requests_total", "counter",
        "HTTP requests received plus WebSocket chat turns, scrapes included.", "", s.requestsTotal());
    series(out, "llmperf_target_prefix_cache_queried_tokens_total", "counter",
        "Prompt tokens looked up in the prefix cache (vLLM's prefix_cache_queries).", "",
        target.prefixCache.queriedTokens());
    series(out, "llmperf_target_prefix_cache_hit_tokens_total", "counter",
        "Prompt tokens found in the prefix cache, whose prefill was skipped (vLLM's prefix_cache_hits).", "",
        target.prefixCache.hitTokens());
    series(out, "jvm_memory_used_bytes", "gauge", "Heap in use in the JVM the target runs in" + SHARED,
        "{area=\"heap\"}", heap.getUsed());
    series(out, "jvm_memory_max_bytes", "gauge",
        "Most heap the JVM the target runs in may use, -1 when undefined" + SHARED, "{area=\"heap\"}", heap.getMax());
    long cpuNanos = os.getProcessCpuTime();
    // -1 where the JVM cannot measure it: no series rather than a false one.
    if (cpuNanos >= 0) {
      series(out, "process_cpu_seconds_total", "counter",
          "CPU time of the process the target runs in, in seconds" + SHARED, "", cpuNanos / 1e9);
    }
    residentBytes().ifPresent(rss -> series(out, "process_resident_memory_bytes", "gauge",
        "Resident memory of the process the target runs in" + SHARED, "", rss));
    return out.toString();
  }

  /** One series: its HELP and TYPE lines, then its one sample; {@code labels} is "" or a whole {a="x"} set. */
  private static void series(StringBuilder out, String name, String type, String help, String labels, Number value) {
    out.append("# HELP ").append(name).append(' ').append(help).append('\n')
        .append("# TYPE ").append(name).append(' ').append(type).append('\n')
        .append(name).append(labels).append(' ').append(value).append('\n');
  }

  /** VmRSS of /proc/self/status in bytes; empty where that file cannot be read (not Linux). */
  private static OptionalLong residentBytes() {
    try {
      // procfs answers from memory: reading it on the event loop costs microseconds.
      return Files.readAllLines(PROCESS_STATUS).stream()
          .filter(line -> line.startsWith("VmRSS:"))
          .mapToLong(line -> Long.parseLong(line.substring(6).replace("kB", "").strip()) * 1024)
          .findFirst();
    } catch (IOException unreadable) {
      return OptionalLong.empty();
    }
  }
}
