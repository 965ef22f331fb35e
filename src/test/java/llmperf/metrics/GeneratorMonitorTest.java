package llmperf.metrics;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The monitor sees an event loop that is held up: every timing taken on that loop waited as long. */
class GeneratorMonitorTest {

  @Test
  void aLoopBlockedFor200MillisecondsShowsThatLag() throws Exception {
    EventLoopGroup loops = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    GeneratorMonitor monitor = new GeneratorMonitor();
    try {
      monitor.start(loops);
      Thread.sleep(300);
      GeneratorMonitor.Health calm = monitor.health();
      assertTrue(calm.lagTicks() > 20, "ticks ran: " + calm);
      assertTrue(calm.lagP50Ms() < 5, "an idle loop runs its ticks on time: " + calm);
      loops.next().submit(() -> sleep(200)).get(5, TimeUnit.SECONDS);
      Thread.sleep(50);
      GeneratorMonitor.Health blocked = monitor.health();
      assertTrue(blocked.lagMaxMs() >= 150, "the blocked loop's tick ran late by about 200 ms: " + blocked);
      assertTrue(blocked.openFilesLimit() != 0 && blocked.cores() > 0, blocked.toString());
      assertTrue(blocked.lagSeconds().stream().mapToLong(GeneratorMonitor.LateTicks::late).sum() >= 1,
          "the second it was blocked in counts a late tick: " + blocked.lagSeconds());
      assertTrue(blocked.lagSeconds().stream().mapToLong(GeneratorMonitor.LateTicks::ticks).sum()
          == blocked.lagTicks(), "every tick is counted in its second");
    } finally {
      monitor.stop();
      loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
