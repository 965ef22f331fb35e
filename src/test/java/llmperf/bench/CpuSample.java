package llmperf.bench;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * CPU time used so far by the whole process, the target's event loops and the client's, and the machine's
 * CPU load since the previous sample (the JDK reports it as the average since its previous call), in 0..1.
 */
record CpuSample(long nanos, long processCpuNanos, long serverCpuNanos, long clientCpuNanos,
    double machineLoad) {

  /** The name prefix of the embedded target's event-loop threads. */
  private static final String SERVER_THREAD_NAME = "embedded-target";

  static CpuSample now() {
    OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    return new CpuSample(System.nanoTime(), os.getProcessCpuTime(), threadsCpuNanos(SERVER_THREAD_NAME),
        threadsCpuNanos(StreamClient.THREAD_NAME), os.getCpuLoad());
  }

  private static long threadsCpuNanos(String namePrefix) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith(namePrefix))
        .mapToLong(t -> Math.max(0, threads.getThreadCpuTime(t.getId())))
        .sum();
  }
}
