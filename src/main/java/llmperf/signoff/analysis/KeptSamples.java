package llmperf.signoff.analysis;

import java.util.List;

/**
 * A row's samples as summary.json and a baseline keep them: bounded, deterministic, and still samples an interval
 * can be drawn from. Up to {@link #CAP} samples are kept as they are; past that, {@link #CAP} evenly spaced order
 * statistics of them (the values at ranks (i + 1/2) n / CAP), which read as a sample of {@link #CAP}: an interval
 * from them is as wide as one from {@link #CAP} samples, so wider than the row's full count would give, never
 * narrower. Written as text, "value" or "valuexcount" separated by spaces, ascending: "12x40 13x22 15".
 */
public final class KeptSamples {

  /**
   * One row's kept samples.
   *
   * @param count the row's OK samples in the run, of which {@code values} keeps at most {@link #CAP}
   * @param values "value" or "valuexcount", space separated, ascending, in the row's unit (ms; µs for the server's)
   */
  public record Row(List<String> path, long count, String values) {}

  /** Enough for the p95 to be bounded within about 1.5 percentile points either way. */
  static final int CAP = 1000;

  private KeptSamples() {}

  static String write(Durations samples) {
    Durations kept = samples;
    if (samples.count() > CAP) {
      kept = new Durations();
      for (int i = 0; i < CAP; i++) {
        kept.add(samples.atRank((long) ((i + 0.5) * samples.count() / CAP)));
      }
    }
    StringBuilder text = new StringBuilder();
    for (long[] pair : kept.isEmpty() ? new long[0][] : kept.counted()) {
      text.append(text.length() == 0 ? "" : " ").append(pair[0]).append(pair[1] == 1 ? "" : "x" + pair[1]);
    }
    return text.toString();
  }

  /** The samples of a text {@link #write} wrote; throws IllegalArgumentException naming what it could not read. */
  static Durations read(String text) {
    Durations samples = new Durations();
    if (text == null || text.isBlank()) {
      return samples;
    }
    for (String item : text.trim().split("\\s+")) {
      int times = item.indexOf('x');
      try {
        samples.add(Long.parseLong(times < 0 ? item : item.substring(0, times)),
            times < 0 ? 1 : Long.parseLong(item.substring(times + 1)));
      } catch (IllegalArgumentException | ArithmeticException e) {
        throw new IllegalArgumentException("'" + item + "' is not a sample (expected a value, or valuexcount)");
      }
    }
    return samples;
  }

  /** Samples from {value, count} pairs. */
  static Durations of(long[][] counted) {
    Durations samples = new Durations();
    for (long[] pair : counted) {
      samples.add(pair[0], pair[1]);
    }
    return samples;
  }
}
