package llmperf.server;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The GPU: a fixed number of generation slots and a bounded FIFO queue in front of them. Jobs come from
 * connections on any event loop, so the bookkeeping sits behind one lock (held for a few field updates);
 * a job is always started on its own event loop, never on the caller's thread.
 */
final class GenerationPool {

  /** One generation as the pool sees it. */
  interface Job {
    /** The event loop of the job's connection; start and abort run there. */
    EventExecutor executor();

    /** A slot is now the job's. */
    void start();

    /** The target is closing; the job is no longer tracked by the pool. */
    void abort(String reason);
  }

  private final int slots;
  private final int queueCapacity;
  private final ReentrantLock lock = new ReentrantLock();
  private final Set<Job> running = Collections.newSetFromMap(new IdentityHashMap<>());
  private final ArrayDeque<Job> queue = new ArrayDeque<>();
  private boolean closed;
  private final AtomicLong rejected = new AtomicLong();
  private final AtomicLong completed = new AtomicLong();

  GenerationPool(int slots, int queueCapacity) {
    if (slots < 1 || queueCapacity < 0) {
      throw new IllegalArgumentException("need slots >= 1 and queueCapacity >= 0");
    }
    this.slots = slots;
    this.queueCapacity = queueCapacity;
  }

  /** Takes a free slot, or a place in the queue; false (counted as rejected) when both are full. */
  boolean offer(Job job) {
    lock.lock();
    try {
      if (!closed && running.size() < slots) {
        running.add(job);
      } else if (!closed && queue.size() < queueCapacity) {
        queue.addLast(job);
        return true;
      } else {
        rejected.incrementAndGet();
        return false;
      }
    } finally {
      lock.unlock();
    }
    job.executor().execute(job::start);
    return true;
  }

  /**
   * The job is over: finished, dropped, or its client went away (then it may still be queued). Its slot, if
   * it had one, goes to the head of the queue.
   */
  void release(Job job, boolean completedNormally) {
    Job next = null;
    lock.lock();
    try {
      if (running.remove(job)) {
        next = queue.pollFirst();
        if (next != null) {
          running.add(next);
        }
      } else {
        queue.remove(job);
      }
    } finally {
      lock.unlock();
    }
    if (completedNormally) {
      completed.incrementAndGet();
    }
    if (next != null) {
      Job started = next;
      started.executor().execute(started::start);
    }
  }

  /**
   * Refuses new jobs and tells every running or queued one that the target is going away; the returned
   * futures complete once each job has written its farewell.
   */
  List<Future<?>> shutdown(String reason) {
    List<Job> all;
    lock.lock();
    try {
      closed = true;
      all = new ArrayList<>(running);
      all.addAll(queue);
      running.clear();
      queue.clear();
    } finally {
      lock.unlock();
    }
    List<Future<?>> aborted = new ArrayList<>(all.size());
    for (Job job : all) {
      aborted.add(job.executor().submit(() -> job.abort(reason)));
    }
    return aborted;
  }

  int active() {
    lock.lock();
    try {
      return running.size();
    } finally {
      lock.unlock();
    }
  }

  int queued() {
    lock.lock();
    try {
      return queue.size();
    } finally {
      lock.unlock();
    }
  }

  int slots() {
    return slots;
  }

  int queueCapacity() {
    return queueCapacity;
  }

  long rejectedTotal() {
    return rejected.get();
  }

  long completedTotal() {
    return completed.get();
  }
}
