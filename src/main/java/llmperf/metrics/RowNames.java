package llmperf.metrics;

/**
 * The names of the rows the stream and audio measurements add to a journey's group in Gatling's report, which the
 * sign-off reads back from simulation.log.
 */
public final class RowNames {

  /** t0 to the first event with non-empty content. */
  public static final String TTFT = "ttft";
  /** The reply's longest gap between consecutive content events. */
  public static final String INTER_CHUNK = "inter-chunk";
  /** (t_last - t_first) / (output tokens - 1). */
  public static final String ITL = "itl";
  /** t0 to the terminal event. */
  public static final String END_TO_END = "end-to-end";
  /** t0 to the first audio byte. */
  public static final String FIRST_AUDIO_BYTE = "first-audio-byte";
  /** Milliseconds per KiB of audio after the first chunk. */
  public static final String AUDIO_MS_PER_KIB = "audio-ms-per-kib";

  private RowNames() {}
}
