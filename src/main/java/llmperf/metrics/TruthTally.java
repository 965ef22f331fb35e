package llmperf.metrics;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The suite's stream figures held against the reference server's own record of the same replies, for one group, on
 * one clock: how much later the suite saw the first content and the terminal event than the server wrote them
 * (the measurement error: network, the load generator's event loop, the suite's own work), and TTFT broken down
 * into read delay (the request waiting for the server's event loop), queue wait (for a GPU slot), prefill and the
 * rest.
 */
public final class TruthTally {

  private final MicrosHistogram ttftError = new MicrosHistogram();
  private final MicrosHistogram endToEndError = new MicrosHistogram();
  private final MicrosHistogram readDelay = new MicrosHistogram();
  private final MicrosHistogram queueWait = new MicrosHistogram();
  private final MicrosHistogram prefill = new MicrosHistogram();
  private final MicrosHistogram rest = new MicrosHistogram();
  private final MicrosHistogram serverTtft = new MicrosHistogram();
  private final MicrosHistogram prefixHitTtft = new MicrosHistogram();
  private final MicrosHistogram prefixMissTtft = new MicrosHistogram();
  private long prefixHits;
  private long prefixMisses;
  private long joined;
  private long missing;
  private long negative;
  private boolean otherProcess;

  /**
   * One OK reply, in ns.
   *
   * @param firstContentLag the suite's arrival of the first content minus the server's writing of it
   * @param terminalLag the same for the terminal event
   * @param ttft the suite's TTFT, from the t0 of the streamed request
   * @param readDelay from that t0 to the server reading the request
   */
  public synchronized void add(long firstContentLag, long terminalLag, long ttft, long readDelay, long queueWaitNanos,
      long prefillNanos) {
    joined++;
    serverTtft.add((ttft - readDelay - firstContentLag) / 1000);
    if (firstContentLag < 0 || terminalLag < 0 || readDelay < 0) {
      negative++;
    }
    ttftError.add(firstContentLag / 1000);
    endToEndError.add(terminalLag / 1000);
    this.readDelay.add(readDelay / 1000);
    queueWait.add(queueWaitNanos / 1000);
    prefill.add(prefillNanos / 1000);
    rest.add((ttft - readDelay - queueWaitNanos - prefillNanos) / 1000);
  }

  /**
   * One OK reply whose server ran in another process, whose clock the suite's cannot be compared with: the errors
   * are then the suite's TTFT and end-to-end (from writing the request) minus the server's (from reading it), so
   * they include the request's way to the server; its read delay is not known. All in ns.
   */
  public synchronized void addFromAnotherProcess(long suiteTtft, long serverTtftNanos, long suiteEndToEnd,
      long serverEndToEnd, long queueWaitNanos, long prefillNanos) {
    joined++;
    otherProcess = true;
    serverTtft.add(serverTtftNanos / 1000);
    if (suiteTtft < serverTtftNanos || suiteEndToEnd < serverEndToEnd) {
      negative++;
    }
    ttftError.add((suiteTtft - serverTtftNanos) / 1000);
    endToEndError.add((suiteEndToEnd - serverEndToEnd) / 1000);
    queueWait.add(queueWaitNanos / 1000);
    prefill.add(prefillNanos / 1000);
    rest.add((suiteTtft - queueWaitNanos - prefillNanos) / 1000);
  }

  /**
   * The suite's TTFT of a joined reply, apart by whether the server's prefix cache held part of its prompt: that a hit
   * is faster is the cache working, seen from the client.
   *
   * @param cachedTokens the prompt tokens the server's record says were cached
   * @param ttftNanos the suite's TTFT of the reply
   */
  public synchronized void prefixCache(int cachedTokens, long ttftNanos) {
    if (cachedTokens > 0) {
      prefixHits++;
      prefixHitTtft.add(ttftNanos / 1000);
    } else {
      prefixMisses++;
      prefixMissTtft.add(ttftNanos / 1000);
    }
  }

  /** What a saved run plan keeps of the tally: every count and histogram. */
  public record State(long joined, long missing, long negative, boolean otherProcess, long prefixHits,
      long prefixMisses, HistogramCounts ttftError, HistogramCounts endToEndError, HistogramCounts readDelay,
      HistogramCounts queueWait, HistogramCounts prefill, HistogramCounts rest, HistogramCounts serverTtft,
      HistogramCounts prefixHitTtft, HistogramCounts prefixMissTtft) {}

  @JsonValue
  public synchronized State state() {
    return new State(joined, missing, negative, otherProcess, prefixHits, prefixMisses, ttftError.counts(),
        endToEndError.counts(), readDelay.counts(), queueWait.counts(), prefill.counts(), rest.counts(),
        serverTtft.counts(), prefixHitTtft.counts(), prefixMissTtft.counts());
  }

  @JsonCreator
  public static TruthTally of(State state) {
    TruthTally tally = new TruthTally();
    tally.add(state);
    return tally;
  }

  /** Adds a saved tally, or another load generator's replies of the same group. */
  public synchronized void add(State other) {
    joined += other.joined();
    missing += other.missing();
    negative += other.negative();
    otherProcess |= other.otherProcess();
    prefixHits += other.prefixHits();
    prefixMisses += other.prefixMisses();
    ttftError.add(other.ttftError());
    endToEndError.add(other.endToEndError());
    readDelay.add(other.readDelay());
    queueWait.add(other.queueWait());
    prefill.add(other.prefill());
    rest.add(other.rest());
    serverTtft.add(other.serverTtft());
    prefixHitTtft.add(other.prefixHitTtft());
    prefixMissTtft.add(other.prefixMissTtft());
  }

  /** Joined replies part of whose prompt the server's prefix cache held. */
  public synchronized long prefixHits() {
    return prefixHits;
  }

  public synchronized long prefixMisses() {
    return prefixMisses;
  }

  /** The suite's TTFT of the prefix-cache hits. */
  public synchronized Spread prefixHitTtft() {
    return spread(prefixHitTtft);
  }

  public synchronized Spread prefixMissTtft() {
    return spread(prefixMissTtft);
  }

  /** Whether the server ran in another process (see {@link #addFromAnotherProcess}). */
  public synchronized boolean otherProcess() {
    return otherProcess;
  }

  /** An OK reply the server kept no record of (traces full, or another server). */
  public synchronized void missing() {
    missing++;
  }

  public synchronized long joined() {
    return joined;
  }

  public synchronized long missingRecords() {
    return missing;
  }

  /**
   * Replies where the suite saw something before the server did it: impossible on one clock, so a count above 0
   * says the two clocks disagree (a server in another JVM) and the errors below are not to be trusted.
   */
  public synchronized long negative() {
    return negative;
  }

  /** p50, p95, p99 and max, in ms. */
  public record Spread(double p50, double p95, double p99, double max) {}

  /** TTFT as the server saw it: from its read of the request to its writing of the first content. */
  public synchronized Spread serverTtft() {
    return spread(serverTtft);
  }

  /** The server's TTFT of every joined reply as {µs, count} pairs, ascending: what a regression holds the suite's to. */
  public synchronized long[][] serverTtftCounts() {
    return serverTtft.counted();
  }

  public synchronized Spread ttftError() {
    return spread(ttftError);
  }

  public synchronized Spread endToEndError() {
    return spread(endToEndError);
  }

  public synchronized Spread readDelay() {
    return spread(readDelay);
  }

  public synchronized Spread queueWait() {
    return spread(queueWait);
  }

  public synchronized Spread prefill() {
    return spread(prefill);
  }

  /** TTFT minus read delay, queue wait and prefill: the server's own overhead, network and the client's share. */
  public synchronized Spread rest() {
    return spread(rest);
  }

  private static Spread spread(MicrosHistogram histogram) {
    return new Spread(histogram.percentile(50) / 1000, histogram.percentile(95) / 1000,
        histogram.percentile(99) / 1000, histogram.max() / 1000.0);
  }
}
