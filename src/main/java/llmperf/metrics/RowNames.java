package llmperf.metrics;

import java.util.Set;

/**
 * The names of the rows the stream and audio measurements add to a journey's group in Gatling's report, which the
 * sign-off reads back from simulation.log. A streamed reply writes several rows (its head, body, TTFT, ...) but is
 * one request to its user: only its {@link #END_TO_END} row, or the audio's own row, counts in the error rate.
 */
public final class RowNames {

  /** t0 to the first token of any kind (reasoning, answer, tool call): vLLM's and AIPerf's TTFT. */
  public static final String TTFT = "ttft";
  /**
   * t0 to the first answer or tool-call token of a reply that reasoned first: what a user of a reasoning model waits
   * for before the answer starts. Written only for such replies.
   */
  public static final String ANSWER_TTFT = "answer-ttft";
  /** t0 to the last piece of a tool call's arguments: when an agent can act. Written only for replies calling a tool. */
  public static final String TOOL_CALL = "tool-call";
  /** The reply's longest gap between consecutive token events. */
  public static final String INTER_CHUNK = "inter-chunk";
  /** (t_last - t_first) / (output tokens - 1). */
  public static final String ITL = "itl";
  /** t0 to the terminal event. */
  public static final String END_TO_END = "end-to-end";
  /** t0 to the first audio byte. */
  public static final String FIRST_AUDIO_BYTE = "first-audio-byte";
  /** Milliseconds per KiB of audio after the first chunk. */
  public static final String AUDIO_MS_PER_KIB = "audio-ms-per-kib";

  private static final String HEADERS_SUFFIX = " headers";
  private static final String BODY_SUFFIX = " body";
  private static final Set<String> PARTS_OF_A_REPLY = Set.of(TTFT, ANSWER_TTFT, TOOL_CALL, INTER_CHUNK, ITL,
      FIRST_AUDIO_BYTE, AUDIO_MS_PER_KIB);

  private RowNames() {}

  /** The row timing a streamed reply's request to its response head (TTFB), e.g. "story headers". */
  public static String headers(String reply) {
    return reply + HEADERS_SUFFIX;
  }

  /** The row timing a streamed reply's head to its terminal event, e.g. "story body". */
  public static String body(String reply) {
    return reply + BODY_SUFFIX;
  }

  /**
   * Whether a row is one figure of a reply another row stands for ({@link #END_TO_END}, or the audio's own row),
   * rather than a request of its own: such rows are left out of the error rate, so a failed reply counts once.
   */
  public static boolean isPartOfAReply(String row) {
    return PARTS_OF_A_REPLY.contains(row) || row.endsWith(HEADERS_SUFFIX) || row.endsWith(BODY_SUFFIX);
  }
}
