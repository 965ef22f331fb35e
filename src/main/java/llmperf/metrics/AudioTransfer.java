package llmperf.metrics;

/**
 * One streamed audio response, measured from the arrival times of its body chunks (SPEC section 7, voice).
 *
 * @param sentAt t0, the moment the request was sent (epoch ms)
 * @param firstByteAt arrival of the first body chunk, or -1 when none came
 * @param lastByteAt arrival of the last body chunk, or -1
 * @param endAt when the response ended: its last byte, or the moment it failed or timed out
 * @param bytes audio bytes received
 * @param firstChunkBytes bytes in the first chunk: the pace after the first byte is measured without them
 * @param failure why the response is not good audio, or null when it is
 */
public record AudioTransfer(long sentAt, long firstByteAt, long lastByteAt, long endAt, long bytes,
    long firstChunkBytes, String failure) {

  public static final long KIB = 1024;

  /** A transfer that failed before any audio came. */
  public static AudioTransfer noAudio(long sentAt, long endAt, String failure) {
    return new AudioTransfer(sentAt, -1, -1, endAt, 0, 0, failure);
  }

  public boolean ok() {
    return failure == null;
  }

  public boolean hasAudio() {
    return firstByteAt >= 0;
  }

  /**
   * Milliseconds to deliver each KiB after the first chunk, the inverse of audio bytes/s so that it is a time
   * Gatling can report and assert (lower is better, like every other row); -1 when all the audio came at once.
   */
  public double msPerKib() {
    long after = bytes - firstChunkBytes;
    long span = lastByteAt - firstByteAt;
    return after <= 0 || span <= 0 ? -1 : span * (double) KIB / after;
  }
}
