package llmperf.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ImmediateEventExecutor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GenerationPoolTest {

  private final List<String> events = new ArrayList<>();

  private final class Job implements GenerationPool.Job {
    private final String name;

    Job(String name) {
      this.name = name;
    }

    @Override
    public EventExecutor executor() {
      return ImmediateEventExecutor.INSTANCE;
    }

    @Override
    public void start() {
      events.add("start " + name);
    }

    @Override
    public void abort(String reason) {
      events.add("abort " + name);
    }
  }

  @Test
  void slotsThenFifoQueueThenRejection() {
    GenerationPool pool = new GenerationPool(2, 2);
    Job a = new Job("a");
    Job b = new Job("b");
    Job c = new Job("c");
    Job d = new Job("d");
    Job e = new Job("e");
    assertTrue(pool.offer(a));
    assertTrue(pool.offer(b));
    assertTrue(pool.offer(c));
    assertTrue(pool.offer(d));
    assertFalse(pool.offer(e));
    assertEquals(List.of("start a", "start b"), events);
    assertEquals(2, pool.active());
    assertEquals(2, pool.queued());
    assertEquals(1, pool.rejectedTotal());

    pool.release(b, true);
    assertEquals(List.of("start a", "start b", "start c"), events);
    assertEquals(1, pool.queued());
    assertEquals(1, pool.completedTotal());
  }

  @Test
  void aCancelledQueuedJobNeverStarts() {
    GenerationPool pool = new GenerationPool(1, 2);
    Job a = new Job("a");
    Job b = new Job("b");
    Job c = new Job("c");
    pool.offer(a);
    pool.offer(b);
    pool.offer(c);
    pool.release(b, false);
    assertEquals(1, pool.queued());
    pool.release(a, false);
    assertEquals(List.of("start a", "start c"), events);
    assertEquals(0, pool.completedTotal());
    assertEquals(1, pool.active());
  }

  @Test
  void shutdownAbortsEveryJobAndRefusesNewOnes() {
    GenerationPool pool = new GenerationPool(1, 1);
    pool.offer(new Job("a"));
    pool.offer(new Job("b"));
    pool.shutdown("bye");
    assertEquals(List.of("start a", "abort a", "abort b"), events);
    assertEquals(0, pool.active());
    assertFalse(pool.offer(new Job("c")));
  }
}
