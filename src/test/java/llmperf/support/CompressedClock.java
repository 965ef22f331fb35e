package llmperf.support;

import java.util.Map;

/**
 * The ci scale and the reference server on a compressed clock, the default of every end-to-end run of the tests: tokens
 * 4 ms apart instead of 10, service times and pauses a quarter to a half of the shipped ones, a stalled stream given up after 2 s,
 * and profiles seconds long at rates that keep each window's sample count. A test overrides any of them; one that measures a figure
 * against the shipped model (a regression of 30 %, say) sets that model back explicitly.
 */
public final class CompressedClock {

  public static final Map<String, String> SETTINGS = Map.ofEntries(
      Map.entry("embedded-target.generation.token-interval", "4ms"),
      Map.entry("embedded-target.generation.prefill-base", "40ms"),
      Map.entry("embedded-target.rest.median", "4ms"),
      Map.entry("embedded-target.rest.p95", "12ms"),
      Map.entry("embedded-target.ml.median", "40ms"),
      Map.entry("embedded-target.ml.p95", "150ms"),
      Map.entry("embedded-target.voice.first-byte", "50ms"),
      Map.entry("embedded-target.voice.bytes-per-second", "128000"),
      Map.entry("target.timeouts.stream-idle", "2s"),
      Map.entry("scales.ci.think-time", "100ms"),
      Map.entry("scales.ci.steady.ramp", "1s"),
      Map.entry("scales.ci.steady.rate", "8"),
      Map.entry("scales.ci.steady.duration", "6s"),
      Map.entry("scales.ci.spike.base-rate", "5"),
      Map.entry("scales.ci.spike.peak-rate", "20"),
      Map.entry("scales.ci.spike.ramp", "1s"),
      Map.entry("scales.ci.spike.hold", "4s"),
      Map.entry("scales.ci.spike.recovery-window", "4s"),
      Map.entry("budgets.spike.recovery", "4s"),
      Map.entry("scales.ci.soak.rate", "8"),
      Map.entry("scales.ci.soak.duration", "16s"),
      Map.entry("scales.ci.soak.window", "4s"),
      Map.entry("scales.ci.stress.step-duration", "4s"),
      Map.entry("scales.ci.capacity.warm-up", "1s"),
      Map.entry("scales.ci.capacity.probe", "4s"),
      Map.entry("scales.ci.scalability.low.duration", "5s"),
      Map.entry("scales.ci.scalability.high.duration", "5s"),
      Map.entry("scales.ci.conversation.duration", "8s"));

  private CompressedClock() {}
}
