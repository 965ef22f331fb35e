package llmperf.server;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs one {@link GenerationPlan} on its connection's event loop: waits for a slot, then prefill, then one
 * scheduled task per token. Closing the connection at any point releases the slot or queue place at once.
 * All state is touched only from that event loop.
 */
final class Generation implements GenerationPool.Job {

  private final Channel channel;
  private final GenerationPool pool;
  private final LatencyModel model;
  private final GenerationPlan plan;
  private final GenerationSink sink;
  private final ReplyTrace trace;
  private final ChannelFutureListener onClose = future -> cancel();
  private ScheduledFuture<?> pending;
  private int emitted;
  /** When the next token is due, on System.nanoTime()'s clock. */
  private long dueAt;
  private boolean finished;

  /** @param trace where to record what happens, or null for a request without an id */
  Generation(Channel channel, GenerationPool pool, LatencyModel model, GenerationPlan plan,
      GenerationSink sink, ReplyTrace trace) {
    this.channel = channel;
    this.pool = pool;
    this.model = model;
    this.plan = plan;
    this.sink = sink;
    this.trace = trace;
  }

  /** Joins the pool; false when it is full (the caller answers 429). */
  boolean admit() {
    if (trace != null) {
      trace.admitted();
    }
    if (!pool.offer(this)) {
      if (trace != null) {
        trace.ended("rejected");
      }
      return false;
    }
    channel.closeFuture().addListener(onClose);
    return true;
  }

  @Override
  public EventExecutor executor() {
    return channel.eventLoop();
  }

  @Override
  public void start() {
    if (finished) {
      return;
    }
    if (trace != null) {
      trace.started(plan.prefillNanos(), plan.cachedTokens());
    }
    sink.started();
    dueAt = System.nanoTime();
    scheduleNext(plan.prefillNanos());
  }

  /**
   * Schedules the next token {@code delayNanos} after the last one was due, not after it was written: the event
   * loop's lateness and the write's own time do not add up over a reply, so the pace is the model's (a GPU's decode
   * steps are set by its compute, not by how late the previous step was read).
   */
  private void scheduleNext(long delayNanos) {
    long stall = emitted == plan.stallAt() ? plan.stallNanos() : 0;
    dueAt += delayNanos + stall;
    pending = channel.eventLoop().schedule(this::emit, Math.max(0, dueAt - System.nanoTime()), TimeUnit.NANOSECONDS);
  }

  private void emit() {
    if (finished) {
      return;
    }
    boolean reasoning = emitted < plan.reasoningTokens();
    if (trace != null) {
      trace.tokenWritten(reasoning);
    }
    if (reasoning) {
      sink.reasoning(emitted, plan.token(emitted));
    } else {
      sink.token(emitted - plan.reasoningTokens(), plan.token(emitted));
    }
    emitted++;
    if (emitted == plan.dropAfter()) {
      finish(false);
      traceEnd("dropped");
      sink.dropped();
    } else if (emitted == plan.truncateAfter()) {
      finish(false);
      traceEnd("truncated");
      sink.truncated();
    } else if (emitted == plan.completionTokens()) {
      finish(true);
      traceEnd("done");
      sink.done(plan);
    } else {
      scheduleNext(model.tokenIntervalNanos(pool.active(), plan.latencyMultiplier()));
    }
  }

  private void finish(boolean completedNormally) {
    finished = true;
    channel.closeFuture().removeListener(onClose);
    pool.release(this, completedNormally);
  }

  private void traceEnd(String how) {
    if (trace != null) {
      trace.ended(how);
    }
  }

  /** The client went away. */
  private void cancel() {
    if (finished) {
      return;
    }
    finished = true;
    traceEnd("client gone");
    if (pending != null) {
      pending.cancel(false);
    }
    pool.release(this, false);
  }

  @Override
  public void abort(String reason) {
    if (finished) {
      return;
    }
    finished = true;
    if (pending != null) {
      pending.cancel(false);
    }
    channel.closeFuture().removeListener(onClose);
    traceEnd("failed");
    sink.failed(reason);
  }
}
