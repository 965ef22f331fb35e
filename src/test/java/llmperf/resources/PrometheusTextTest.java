package llmperf.resources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class PrometheusTextTest {

  /** An excerpt of what vLLM's /metrics serves (prometheus_client, text format 0.0.4), two engines of one model. */
  private static final String VLLM = """
      # HELP python_gc_objects_collected_total Objects collected during gc
      # TYPE python_gc_objects_collected_total counter
      python_gc_objects_collected_total{generation="0"} 18724.0
      python_gc_objects_collected_total{generation="1"} 2187.0
      # HELP process_cpu_seconds_total Total user and system CPU time spent in seconds.
      # TYPE process_cpu_seconds_total counter
      process_cpu_seconds_total 1234.56
      # HELP process_resident_memory_bytes Resident memory size in bytes.
      # TYPE process_resident_memory_bytes gauge
      process_resident_memory_bytes 4.294967296e+09

      # HELP vllm:num_requests_running Number of requests in model execution batches.
      # TYPE vllm:num_requests_running gauge
      vllm:num_requests_running{engine="0",model_name="m"} 3.0
      vllm:num_requests_running{engine="1",model_name="m"} 2.0
      # HELP vllm:num_requests_waiting Number of requests waiting to be processed.
      # TYPE vllm:num_requests_waiting gauge
      vllm:num_requests_waiting{engine="0",model_name="m"} 1.0
      vllm:num_requests_waiting{engine="1",model_name="m"} 0.0
      # HELP vllm:kv_cache_usage_perc KV-cache usage. 1 means 100 percent usage.
      # TYPE vllm:kv_cache_usage_perc gauge
      vllm:kv_cache_usage_perc{engine="0",model_name="m"} 0.4375
      vllm:kv_cache_usage_perc{engine="1",model_name="m"} 0.125
      # HELP vllm:prompt_tokens_total Number of prefill tokens processed.
      # TYPE vllm:prompt_tokens_total counter
      vllm:prompt_tokens_total{engine="0",model_name="m"} 52113.0
      # HELP vllm:time_to_first_token_seconds Histogram of time to first token in seconds.
      # TYPE vllm:time_to_first_token_seconds histogram
      vllm:time_to_first_token_seconds_bucket{engine="0",le="0.001",model_name="m"} 0.0
      vllm:time_to_first_token_seconds_bucket{engine="0",le="0.1",model_name="m"} 17.0
      vllm:time_to_first_token_seconds_bucket{engine="0",le="+Inf",model_name="m"} 42.0
      vllm:time_to_first_token_seconds_bucket{engine="1",le="+Inf",model_name="m"} 8.0
      vllm:time_to_first_token_seconds_count{engine="0",model_name="m"} 42.0
      vllm:time_to_first_token_seconds_sum{engine="0",model_name="m"} 6.283
      """;

  private static final PrometheusText.Exposition SCRAPE = PrometheusText.parse(VLLM);

  private static double sum(String name, Map<String, String> labels) {
    return SCRAPE.sum(name, labels).orElseThrow(() -> new AssertionError("no " + name + " " + labels));
  }

  @Test
  void readsEverySampleOfAVllmScrape() {
    assertEquals(17, SCRAPE.samples().size());
    assertEquals(new PrometheusText.Sample("vllm:num_requests_running", Map.of("engine", "0", "model_name", "m"), 3),
        SCRAPE.samples().get(4));
    assertEquals(1234.56, sum("process_cpu_seconds_total", Map.of()));
    assertEquals(4_294_967_296.0, sum("process_resident_memory_bytes", Map.of()));
    assertEquals("histogram", SCRAPE.types().get("vllm:time_to_first_token_seconds"));
  }

  @Test
  void sumsOverLabelSetsAndMatchesLabelsAsASubset() {
    assertEquals(5, sum("vllm:num_requests_running", Map.of()), "both engines");
    assertEquals(5, sum("vllm:num_requests_running", Map.of("model_name", "m")), "both engines");
    assertEquals(3, sum("vllm:num_requests_running", Map.of("engine", "0")), "model_name is an extra label");
    assertEquals(1, sum("vllm:num_requests_waiting", Map.of("model_name", "m")));
    assertEquals(0.5625, sum("vllm:kv_cache_usage_perc", Map.of("model_name", "m")));
    assertEquals(50, sum("vllm:time_to_first_token_seconds_bucket", Map.of("le", "+Inf")));
    assertEquals(42, sum("vllm:time_to_first_token_seconds_bucket", Map.of("le", "+Inf", "engine", "0")));
    assertEquals(OptionalDouble.empty(), SCRAPE.sum("vllm:num_requests_running", Map.of("model_name", "other")));
    assertEquals(OptionalDouble.empty(), SCRAPE.sum("vllm:num_requests_swapped", Map.of()));
  }

  @Test
  void tellsCountersUnderTheirOwnNameAndUnderTheOpenMetricsFamilyName() {
    assertTrue(SCRAPE.isCounter("process_cpu_seconds_total"));
    assertTrue(SCRAPE.isCounter("vllm:prompt_tokens_total"));
    assertFalse(SCRAPE.isCounter("vllm:num_requests_running"));
    assertFalse(SCRAPE.isCounter("vllm:time_to_first_token_seconds_count"));
    assertFalse(SCRAPE.isCounter("unknown_total"));

    PrometheusText.Exposition openMetrics = PrometheusText.parse("""
        # TYPE vllm:prompt_tokens counter
        # HELP vllm:prompt_tokens Number of prefill tokens processed.
        vllm:prompt_tokens_total{engine="0",model_name="m"} 52113.0 # {trace_id="4bf92f"} 512.0 1700000000.123
        vllm:prompt_tokens_created{engine="0",model_name="m"} 1.7e9
        # EOF
        """);
    assertTrue(openMetrics.isCounter("vllm:prompt_tokens_total"));
    assertTrue(openMetrics.isCounter("vllm:prompt_tokens"));
    assertFalse(openMetrics.isCounter("vllm:prompt_tokens_created"));
    assertEquals(52113, openMetrics.sum("vllm:prompt_tokens_total", Map.of("engine", "0")).orElseThrow());
  }

  @Test
  void unescapesLabelValuesAndReadsSpecialValuesAndTimestamps() {
    PrometheusText.Exposition scrape = PrometheusText.parse("""
        route_errors{path="/a,b}c=d",msg="say \\"hi\\"\\nand go",dir="C:\\\\tmp",} 2 1700000000000
        ratio{kind="nan"} NaN
        bound{side="upper"} +Inf
        bound{side="lower"} -Inf
        tiny\t1.5E-3
        """);
    PrometheusText.Sample errors = scrape.samples().get(0);
    assertEquals(Map.of("path", "/a,b}c=d", "msg", "say \"hi\"\nand go", "dir", "C:\\tmp"), errors.labels());
    assertEquals(2, errors.value());
    assertTrue(Double.isNaN(scrape.samples().get(1).value()), "a NaN sample is kept");
    assertEquals(OptionalDouble.empty(), scrape.sum("ratio", Map.of()), "but sums leave it out");
    assertEquals(Double.POSITIVE_INFINITY, scrape.sum("bound", Map.of("side", "upper")).orElseThrow());
    assertEquals(Double.NEGATIVE_INFINITY, scrape.sum("bound", Map.of("side", "lower")).orElseThrow());
    assertEquals(0.0015, scrape.sum("tiny", Map.of()).orElseThrow());
  }

  @Test
  void aMalformedLineIsNamedByItsNumber() {
    assertEquals("line 3: no value: vllm:num_requests_waiting{engine=\"0\"}",
        malformed("vllm:num_requests_waiting{engine=\"0\"}"));
    assertEquals("line 3: unclosed label set: vllm:num_requests_waiting{engine=\"0\" 1.0",
        malformed("vllm:num_requests_waiting{engine=\"0\" 1.0"));
    assertEquals("line 3: value 'many' is not a number: vllm:num_requests_waiting many",
        malformed("vllm:num_requests_waiting many"));
    assertEquals("line 3: timestamp '12:00' is not a number: up 1 12:00", malformed("up 1 12:00"));
    assertEquals("line 3: label engine twice: up{engine=\"0\",engine=\"1\"} 1",
        malformed("up{engine=\"0\",engine=\"1\"} 1"));
    assertEquals("line 3: # TYPE needs a metric name and a type: # TYPE up", malformed("# TYPE up"));
    String longLine = "up{model=\"" + "m".repeat(100) + "\"} one";
    assertEquals("line 3: value 'one' is not a number: " + longLine.substring(0, 77) + "...", malformed(longLine),
        "the line cut to 80 characters");
  }

  private static String malformed(String line) {
    return assertThrows(IllegalArgumentException.class,
        () -> PrometheusText.parse("# TYPE up gauge\nup 1\n" + line + "\n")).getMessage();
  }
}
