package llmperf.server;

import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** What every route shares: settings, the live faults, the model, the pool, the stores and the counters. */
final class TargetState {

  private static final long NOT_YET = Long.MIN_VALUE;
  private static final Faults HEALTHY = Faults.none();

  final TargetSettings settings;
  final LatencyModel model;
  final GenerationPool pool;
  final ChatStore chat;
  final ApiKeyStore apiKeys = new ApiKeyStore();
  final RouteMetrics metrics = new RouteMetrics();
  final ReplyTraces traces = new ReplyTraces();
  final PrefixCache prefixCache;
  final long startEpochSeconds = System.currentTimeMillis() / 1000;
  private final long startNanos = System.nanoTime();
  private final AtomicReference<Faults> faults;
  private final AtomicLong sequence = new AtomicLong();
  /** When the first request came, the origin of the faults' window. */
  private final AtomicLong firstRequestNanos = new AtomicLong(NOT_YET);

  TargetState(TargetSettings settings) {
    this.settings = settings;
    this.model = new LatencyModel(settings);
    this.pool = new GenerationPool(settings.slots(), settings.queueCapacity());
    this.chat = new ChatStore(settings.model());
    this.prefixCache = new PrefixCache(settings.prefixCache(), settings.charsPerToken());
    this.faults = new AtomicReference<>(Objects.requireNonNull(settings.faults(), "faults"));
  }

  /** The faults as configured, their window included. */
  Faults faults() {
    return faults.get();
  }

  /**
   * The faults a request meets now: the configured ones inside their window (their latency grown by the time since
   * the first request), none outside it.
   */
  Faults activeFaults() {
    Faults configured = faults.get();
    long now = System.nanoTime();
    firstRequestNanos.compareAndSet(NOT_YET, now);
    long sinceFirst = now - firstRequestNanos.get();
    if (configured.window().always() || configured.window().contains(sinceFirst)) {
      return configured.after(sinceFirst / 60e9);
    }
    return HEALTHY;
  }

  void setFaults(Faults f) {
    faults.set(Objects.requireNonNull(f, "faults"));
  }

  /** Numbers the next request (HTTP request or WebSocket turn); its random derives from this number. */
  long nextSequence() {
    return sequence.incrementAndGet();
  }

  long requestsTotal() {
    return sequence.get();
  }

  /** The per-request random: same seed and same request order give the same draws. */
  SplittableRandom random(long sequenceNumber) {
    return new SplittableRandom(settings.seed() * 1_000_003 + sequenceNumber);
  }

  long uptimeMillis() {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  TargetStats stats() {
    return new TargetStats(requestsTotal(), pool.active(), pool.queued(), pool.rejectedTotal(),
        pool.completedTotal(), pool.slots(), pool.queueCapacity());
  }
}
