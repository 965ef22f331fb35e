package llmperf.metrics;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.TreeMap;

/**
 * The OK replies of one group held against the timings the server sent with each of them (llama.cpp's
 * {@code timings}): the client's TTFT minus the server's prompt time, and the client's ITL minus the server's time per
 * generated token. What is left is what the server did not count (queueing before its slot, the network, the load
 * generator). Differences can be negative: they are kept signed, exactly, for the first {@link #KEPT} replies.
 */
public final class TimingsTally {

  /** Replies whose figures are kept; as the reference server's traces, a longer run compares its first ones. */
  static final int KEPT = 200_000;

  private final Signed ttftMinusPrompt = new Signed();
  private final Signed itlMinusPerToken = new Signed();
  private final Signed serverPrompt = new Signed();
  private final Signed serverPerToken = new Signed();
  private long replies;
  private long withTimings;

  /** One OK reply, with or without the server's timings. */
  public synchronized void add(ReplyMetrics reply) {
    replies++;
    ServerTimings server = reply.serverTimings();
    if (server == null || !server.usable() || !reply.hasTokens()) {
      return;
    }
    withTimings++;
    ttftMinusPrompt.add((reply.firstTokenAt() - reply.sentAt()) / 1e6 - server.promptMs());
    serverPrompt.add(server.promptMs());
    if (reply.outputTokens() > 1) {
      itlMinusPerToken.add(reply.itlNanos() / 1e6 - server.predictedPerTokenMs());
      serverPerToken.add(server.predictedPerTokenMs());
    }
  }

  /** What a saved run plan keeps: the counts and every kept difference, in ms. */
  public record State(long replies, long withTimings, double[] ttftMinusPrompt, double[] itlMinusPerToken,
      double[] serverPrompt, double[] serverPerToken) {}

  @JsonValue
  public synchronized State state() {
    return new State(replies, withTimings, ttftMinusPrompt.values(), itlMinusPerToken.values(), serverPrompt.values(),
        serverPerToken.values());
  }

  @JsonCreator
  public static TimingsTally of(State state) {
    TimingsTally tally = new TimingsTally();
    tally.add(state);
    return tally;
  }

  /** Adds a saved tally, or another load generator's. */
  public synchronized void add(State other) {
    replies += other.replies();
    withTimings += other.withTimings();
    ttftMinusPrompt.addAll(other.ttftMinusPrompt());
    itlMinusPerToken.addAll(other.itlMinusPerToken());
    serverPrompt.addAll(other.serverPrompt());
    serverPerToken.addAll(other.serverPerToken());
  }

  /** OK replies tallied. */
  public synchronized long replies() {
    return replies;
  }

  /** Of them, those whose stream carried the server's timings. */
  public synchronized long withTimings() {
    return withTimings;
  }

  /** Client TTFT minus the server's prompt_ms, in ms. */
  public synchronized TruthTally.Spread ttftMinusPrompt() {
    return ttftMinusPrompt.spread();
  }

  /** Client ITL minus the server's predicted_per_token_ms, in ms, over replies of two tokens or more. */
  public synchronized TruthTally.Spread itlMinusPerToken() {
    return itlMinusPerToken.spread();
  }

  /** The server's prompt_ms, in ms. */
  public synchronized TruthTally.Spread serverPrompt() {
    return serverPrompt.spread();
  }

  /** The server's predicted_per_token_ms, in ms. */
  public synchronized TruthTally.Spread serverPerToken() {
    return serverPerToken.spread();
  }

  /** The server's prompt_ms of each reply, as {µs, count} pairs, ascending. */
  public synchronized long[][] serverPromptCounts() {
    return serverPrompt.microsCounted();
  }

  /** The server's predicted_per_token_ms of each reply of two tokens or more, as {µs, count} pairs, ascending. */
  public synchronized long[][] serverPerTokenCounts() {
    return serverPerToken.microsCounted();
  }

  /** Signed values kept exactly, up to {@link #KEPT}. */
  private static final class Signed {
    private double[] values = new double[64];
    private int size;

    void add(double value) {
      if (size == KEPT) {
        return;
      }
      if (size == values.length) {
        values = Arrays.copyOf(values, Math.min(KEPT, size * 2));
      }
      values[size++] = value;
    }

    void addAll(double[] more) {
      for (double value : more) {
        add(value);
      }
    }

    double[] values() {
      return Arrays.copyOf(values, size);
    }

    TruthTally.Spread spread() {
      double[] sorted = Arrays.copyOf(values, size);
      Arrays.sort(sorted);
      return new TruthTally.Spread(rank(sorted, 50), rank(sorted, 95), rank(sorted, 99),
          size == 0 ? 0 : sorted[size - 1]);
    }

    /** The values in whole µs (negatives as 0: the server's own times are never negative), counted. */
    long[][] microsCounted() {
      TreeMap<Long, Long> counts = new TreeMap<>();
      for (int i = 0; i < size; i++) {
        counts.merge(Math.max(0, Math.round(values[i] * 1000)), 1L, Long::sum);
      }
      return counts.entrySet().stream().map(e -> new long[] {e.getKey(), e.getValue()}).toArray(long[][]::new);
    }

    private static double rank(double[] sorted, double percent) {
      return sorted.length == 0 ? 0 : sorted[(int) Math.max(0, Math.ceil(percent / 100 * sorted.length) - 1)];
    }
  }
}
