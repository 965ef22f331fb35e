package llmperf.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import llmperf.signoff.SignOff;
import llmperf.signoff.analysis.RunPlan;
import llmperf.signoff.analysis.Summary;
import llmperf.signoff.log.GroupRecord;
import llmperf.signoff.log.LogHeader;
import llmperf.signoff.log.RecordListener;
import llmperf.signoff.log.RequestRecord;
import llmperf.signoff.log.SimulationLogReader;
import llmperf.signoff.log.UserRecord;
import llmperf.suite.gatling.GatlingLauncher;
import llmperf.suite.run.SuiteRun;

/**
 * The sign-off's time and heap on a run folder of {@link DenseLog}, in a JVM of its own (bench/signoff-scale.sh gives
 * it -Xmx512m): a short DenseLog run in this JVM records the plan the dense run recorded (same template, budgets and
 * windows; Gatling cannot build a simulation outside a run), then the sign-off reads and judges the dense log once.
 * Prints the records, the log's size, the time, the peak heap used (garbage included: every pool's peak since the
 * start of the sign-off) and the heap still live after it (after a full GC).
 */
public final class SignOffScale {

  private SignOffScale() {}

  public static void main(String[] args) throws IOException {
    Path runFolder = Path.of(args[0]);
    System.setProperty("llmperf.signoff.in-process", "true");
    System.setProperty("dense.records", "1000");
    System.setProperty("dense.seconds", "1");
    GatlingLauncher.run(DenseLog.class, Files.createTempDirectory("plan-run"));
    RunPlan plan = SuiteRun.lastInProcessPlan();
    List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(pool -> pool.getType() == MemoryType.HEAP).toList();
    System.gc();
    long before = usedHeap(heap);
    heap.forEach(MemoryPoolMXBean::resetPeakUsage);
    long started = System.nanoTime();
    Summary summary = SignOff.write(runFolder, plan);
    double seconds = (System.nanoTime() - started) / 1e9;
    long peak = heap.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
    System.gc();
    long live = usedHeap(heap);
    long records = countRecords(runFolder.resolve("simulation.log"));
    System.out.printf("Sign-off scale: %,d records, %.0f MiB of simulation.log, %d rows, %d windows%n", records,
        Files.size(runFolder.resolve("simulation.log")) / 1048576.0, summary.rows().size(), summary.windows().size());
    System.out.printf("  sign-off %.1f s (%.1f M records/s), peak heap %d MiB (max %d MiB), live after %d MiB"
        + " (before %d MiB); %s%n", seconds, records / seconds / 1e6, peak >> 20,
        Runtime.getRuntime().maxMemory() >> 20, live >> 20, before >> 20, summary.passed() ? "PASS" : "FAIL");
    // The plan's run left Gatling's and the embedded target's threads behind.
    System.exit(0);
  }

  private static long usedHeap(List<MemoryPoolMXBean> heap) {
    return heap.stream().mapToLong(pool -> pool.getUsage().getUsed()).sum();
  }

  private static long countRecords(Path log) throws IOException {
    long[] count = {1};
    SimulationLogReader.read(log, new RecordListener() {
      @Override
      public void run(LogHeader header) {}

      @Override
      public void request(RequestRecord request) {
        count[0]++;
      }

      @Override
      public void group(GroupRecord group) {
        count[0]++;
      }

      @Override
      public void user(UserRecord user) {
        count[0]++;
      }
    });
    return count[0];
  }
}
