package llmperf.bench;

import com.sun.management.UnixOperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;
import llmperf.server.TargetSettings;

/** What the benchmark prints: the setup, a row per level and the verdict. */
final class CapacityReport {

  private CapacityReport() {}

  static void printSetup(CapacityOptions options, TargetSettings settings) {
    printMachine(options);
    System.out.printf("target: defaults with slots %d, queue 0; prefill %d ms + %d us per prompt token, "
            + "token interval %d ms; requests ask max_tokens %d%n", settings.slots(),
        settings.prefillBase().toMillis(), settings.prefillPerPromptToken().toNanos() / 1000,
        settings.tokenInterval().toMillis(), StreamClient.MAX_TOKENS);
    System.out.printf("levels %s; each %d s, the first %d s discarded, then at most %d s to drain; after a "
            + "%d s JVM warm-up; overall at most %d s%n%n", options.levels(), options.duration().toSeconds(),
        options.warmup().toSeconds(), options.drain().toSeconds(), options.jvmWarmup().toSeconds(),
        options.overallTimeout().toSeconds());
  }

  private static void printMachine(CapacityOptions options) {
    Runtime runtime = Runtime.getRuntime();
    System.out.printf("machine: %d cores, Java %s (%s), max heap %d MiB, %s %s%n", runtime.availableProcessors(),
        System.getProperty("java.version"), System.getProperty("java.vm.name"), runtime.maxMemory() >> 20,
        System.getProperty("os.name"), System.getProperty("os.arch"));
    if (ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean unix) {
      // Each stream holds two sockets in this one process: the client's and the server's.
      long needed = 2L * options.levels().stream().mapToInt(Integer::intValue).max().orElseThrow() + 512;
      System.out.printf("open-file limit %d (the largest level needs about %d)%n",
          unix.getMaxFileDescriptorCount(), needed);
      if (unix.getMaxFileDescriptorCount() < needed) {
        System.out.println("WARNING: raise the limit (ulimit -n) or the largest levels fail with "
            + "'Too many open files'");
      }
    }
  }

  static void printWarmup(LevelResult warm) {
    System.out.printf("JVM warm-up: %d streams at N = %d, %d errors (not reported below)%n%n",
        warm.completed(), warm.concurrency(), warm.errors());
  }

  static void printHeader() {
    System.out.println(LevelResult.HEADER);
  }

  static void printLevel(LevelResult result) {
    System.out.println(result.row());
    result.errorKinds().forEach((kind, count) -> System.out.printf("%8s %d x %s%n", "", count, kind));
    if (result.disturbed()) {
      System.out.printf("%8s other processes used %.2f cores: disturbed, rerun on a quiet machine%n", "",
          result.otherCpu());
    }
  }

  static void printVerdict(List<LevelResult> results) {
    System.out.println();
    results.stream().filter(LevelResult::sustained).mapToInt(LevelResult::concurrency).max().ifPresentOrElse(
        n -> System.out.printf("sustains %d concurrent streams with p95 TTFT within %.0f %% of the configured "
            + "TTFT and no errors%n", n, (LevelResult.TTFT_TOLERANCE - 1) * 100),
        () -> System.out.println("no level kept p95 TTFT within the tolerance without errors"));
    if (results.stream().anyMatch(LevelResult::disturbed)) {
      System.out.println("NOT RELIABLE: other processes used the CPU during some levels; rerun on a quiet "
          + "machine");
    }
    System.out.println("(the load generator shares the cores with the server: a lower bound for the server "
        + "alone)");
  }
}
