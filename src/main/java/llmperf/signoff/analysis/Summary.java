package llmperf.signoff.analysis;

import java.util.List;
import llmperf.metrics.TokenAskTally;
import llmperf.metrics.ScheduleTally;

/**
 * Everything the sign-off says about one run; written as summary.json and rendered as signoff.html and
 * summary.md. Times are milliseconds; offsets are from the run's start.
 *
 * @param generators each load generator's own health when the run merges several generators' runs (its verdict
 *     names its run folder); empty for a run of one, whose health is {@code generator}
 */
public record Summary(
    Run run,
    boolean passed,
    List<String> reasons,
    List<BudgetResult> budgets,
    List<RowStats> rows,
    List<Streaming> streaming,
    List<Audio> audio,
    Comparison baseline,
    List<Window> windows,
    Phases phases,
    Generator generator,
    List<ErrorCause> errors,
    Resources resources,
    List<Conversation> conversations,
    ServerLatency serverLatency,
    List<Generator> generators) {

  public Summary {
    generators = generators == null ? List.of() : List.copyOf(generators);
  }

  /** A run of one load generator. */
  public Summary(Run run, boolean passed, List<String> reasons, List<BudgetResult> budgets, List<RowStats> rows,
      List<Streaming> streaming, List<Audio> audio, Comparison baseline, List<Window> windows, Phases phases,
      Generator generator, List<ErrorCause> errors, Resources resources, List<Conversation> conversations,
      ServerLatency serverLatency) {
    this(run, passed, reasons, budgets, rows, streaming, audio, baseline, windows, phases, generator, errors, resources,
        conversations, serverLatency, List.of());
  }

  /** A run whose target exposed no latency histograms. */
  public Summary(Run run, boolean passed, List<String> reasons, List<BudgetResult> budgets, List<RowStats> rows,
      List<Streaming> streaming, List<Audio> audio, Comparison baseline, List<Window> windows, Phases phases,
      Generator generator, List<ErrorCause> errors, Resources resources, List<Conversation> conversations) {
    this(run, passed, reasons, budgets, rows, streaming, audio, baseline, windows, phases, generator, errors, resources,
        conversations, null);
  }

  /**
   * The server's own latency distributions over the measured run, from the histograms of its Prometheus endpoint
   * (vLLM, SGLang, TGI), their buckets at the run's end minus those at its start; in ms.
   *
   * @param source where they were read, URL masked
   * @param unavailable why they are not shown (the counters were reset during the run), or null
   */
  public record ServerLatency(String source, String unavailable, List<LatencyFigure> figures) {}

  /**
   * One figure ("ttft", "itl", "end-to-end") of the server's histograms; quantiles are null when no request ended.
   *
   * @param requests observations in the run's window
   */
  public record LatencyFigure(String figure, String metric, long requests, Quantile p50, Quantile p95, Quantile p99) {}

  /**
   * A quantile estimated from buckets (linear within one, as Prometheus's histogram_quantile), in ms, with the bounds
   * of its bucket: the figure is only as precise as they are.
   *
   * @param bucketToMs the bucket's upper bound, null for +Inf (the value is then the highest finite bound)
   */
  public record Quantile(double ms, double bucketFromMs, Double bucketToMs) {}

  /**
   * @param gitCommit the commit the suite ran from, or "unknown"
   * @param startEpochMs when the measured load started (after the warm-up, when the scale has one)
   * @param warmUpRequests requests of the warm-up, which ran before {@code startEpochMs} and are left out
   * @param streamedRequests requests the suite's stream client sent
   * @param resentRequests of those, the ones sent a second time on a new connection because the server closed the
   *     kept-alive one they were written on before answering
   */
  public record Run(String simulation, String scale, String target, String gitCommit, long startEpochMs,
      long endEpochMs, String gatlingReport, long warmUpRequests, long streamedRequests, long resentRequests) {

    /** A run whose stream client re-sent nothing. */
    public Run(String simulation, String scale, String target, String gitCommit, long startEpochMs, long endEpochMs,
        String gatlingReport, long warmUpRequests) {
      this(simulation, scale, target, gitCommit, startEpochMs, endEpochMs, gatlingReport, warmUpRequests, 0, 0);
    }

    public long durationMs() {
      return endEpochMs - startEpochMs;
    }
  }

  /**
   * One budget's outcome.
   *
   * @param path the report path it is judged on ("global", "chat-sse / ttft", "after the spike / ...")
   * @param unit "ms" or "%"
   * @param actual the measured value, or null when there was nothing to judge (which fails the budget)
   * @param notJudged why there was nothing to judge when the row ran ("no OK request among 12"); null otherwise
   */
  public record BudgetResult(String key, String path, String statistic, double limit, Double actual, String unit,
      boolean passed, String notJudged) {

    public BudgetResult(String key, String path, String statistic, double limit, Double actual, String unit,
        boolean passed) {
      this(key, path, statistic, limit, actual, unit, passed, null);
    }

    /** What was measured: the value, "never ran", or why it could not be judged. */
    public String actualText() {
      return actual != null ? Figures.quantity(actual, unit) : notJudged != null ? notJudged : "never ran";
    }

    /** "budgets.chat.ttft.p95 on chat-sse / ttft: 84 ms (limit 500 ms)", as the console and the reasons word it. */
    public String describe() {
      return key + " on " + path + ": " + actualText() + " (limit " + Figures.quantity(limit, unit) + ")";
    }
  }

  /** Statistics of one report row (a request, a streaming metric, or a group). */
  public record RowStats(List<String> path, long count, long ok, long ko, double errorPercent, long min, long mean,
      long p50, long p75, long p95, long p99, long max, double perSecond) {

    public String name() {
      return String.join(" / ", path);
    }
  }

  /**
   * Streaming figures of one journey's replies.
   *
   * @param outputTokensPerSecond the median reply's, from its ITL to the microsecond (tokens after the first, per
   *     second of decoding)
   * @param goodputPerSecond replies that were OK and whose own TTFT, ITL and end-to-end each met the journey's p95
   *     budget, per second (each reply held to its three figures as it ended)
   * @param outputTokens output tokens of the journey's OK replies
   * @param systemOutputTokensPerSecond those tokens per second of the run: what the target served in all
   * @param tokenSource where the token counts came from: "usage" (the stream reported them), "content events" (a
   *     server that sends no usage: one token per content event), or "usage on N of M replies"
   * @param chunkGaps every gap between consecutive content events of the OK replies (interChunk holds each
   *     reply's longest)
   * @param truth the OK replies held against the reference server's record of them; null when it kept none
   * @param serverTimings the OK replies held against the timings the server streamed with them (llama.cpp); null
   *     when no reply carried any
   * @param answerTtft t0 to the first answer or tool-call token of the replies that reasoned first; null when none did
   * @param toolCall t0 to the last piece of a tool call, of the replies that called a tool; null when none did
   * @param reasoningPercent the share of the OK replies' output tokens that were reasoning, 0 to 100
   * @param askedTokens the prompt and output tokens synthetic or dataset prompts asked for against the server's
   *     usage, and how the prompt tokens were counted; null when no reply had such a prompt
   */
  public record Streaming(String journey, long replies, long failedReplies, RowStats ttft, RowStats interChunk,
      RowStats itl, RowStats endToEnd, double outputTokensPerSecond, double goodputPerSecond, long outputTokens,
      double systemOutputTokensPerSecond, String tokenSource, ChunkGaps chunkGaps, Truth truth,
      Timings serverTimings, RowStats answerTtft, RowStats toolCall, double reasoningPercent,
      TokenAskTally.Figures askedTokens) {

    /** Whether any reply reasoned or called a tool: the journey's token kinds are worth a table. */
    public boolean hasTokenKinds() {
      return answerTtft != null || toolCall != null || reasoningPercent > 0;
    }
  }

  /**
   * The OK replies of a journey held against the timings the server sent with each (llama.cpp's {@code timings}),
   * in ms. The client's figure minus the server's is what the server did not count: queueing before its slot, the
   * network, the load generator.
   *
   * @param source where the truth came from: "llama.cpp timings in N of M replies"
   * @param ttftMinusPrompt the client's TTFT minus the server's prompt_ms
   * @param itlMinusPerToken the client's ITL minus the server's predicted_per_token_ms
   */
  public record Timings(String source, long replies, long withTimings, Spread ttftMinusPrompt,
      Spread itlMinusPerToken, Spread serverPromptMs, Spread serverPerTokenMs) {}

  /**
   * The suite's figures against the server's record of the same replies, in ms, on one clock. The TTFT and
   * end-to-end errors are how much later the suite saw the first content and the terminal event than the server
   * wrote them: what the network and the load generator add. TTFT = read delay (the request waiting for the
   * server's event loop) + queue wait (for a GPU slot) + prefill + the rest.
   *
   * @param joined replies with a record; missing: OK replies without one
   * @param negative replies where the suite saw something before the server did it: the clocks disagree
   * @param serverTtft TTFT as the server saw it, from its read of the request to its writing of the first content
   * @param otherProcess the server ran in another process: the errors are then the suite's TTFT and end-to-end
   *     minus the server's own (from its read of the request), the read delay is not known
   * @param prefixCache the suite's TTFT of prefix-cache hits and misses, or null when the server's cache hit nothing
   */
  public record Truth(long joined, long missing, long negative, Spread ttftError, Spread endToEndError,
      Spread readDelay, Spread queueWait, Spread prefill, Spread rest, Spread serverTtft, boolean otherProcess,
      PrefixCache prefixCache) {}

  /**
   * The suite's TTFT (ms) of the replies part of whose prompt the server's prefix cache held, and of the others.
   *
   * @param hits replies with cached prompt tokens per the server's record; misses: the others
   */
  public record PrefixCache(long hits, Spread hitTtft, long misses, Spread missTtft) {}

  /**
   * How the load generator fared: its event-loop lag (how late a task on Gatling's event loops ran, which every
   * timing of the run waited too), CPU, garbage collection and open file descriptors; and whether the figures can be
   * trusted.
   *
   * @param cpuMean the generator JVM's share of the machine's CPU (0..1 of all {@code cores}), mean and max of 1 s samples
   * @param verdict "figures reliable", or why not ("figures unreliable: load generator saturated (...)")
   * @param scheduleDelayP99Ms how late journeys of an open-model run started against when they were due (p50, p99,
   *     max); with the rates below, null for a run with no open-model load
   * @param achievedRatePercent journeys started per second against those due, over the run; lowestWindowRatePercent
   *     the lowest window's (the last, partial one left out)
   * @param fromDue each streaming journey's first reply timed from when its journey was due
   */
  public record Generator(double lagP50Ms, double lagP99Ms, double lagMaxMs, double cpuMean, double cpuMax,
      int cores, long gcMillis, double gcPercent, long openFilesMax, long openFilesLimit, boolean reliable,
      String verdict, Double scheduleDelayP50Ms, Double scheduleDelayP99Ms, Double scheduleDelayMaxMs,
      Double requestedRatePerSec, Double achievedRatePerSec, Double achievedRatePercent,
      Double lowestWindowRatePercent, List<ScheduleTally.Window> scheduleWindows, List<ScheduleTally.FromDue> fromDue) {

    /** A run with no open-model schedule. */
    public Generator(double lagP50Ms, double lagP99Ms, double lagMaxMs, double cpuMean, double cpuMax, int cores,
        long gcMillis, double gcPercent, long openFilesMax, long openFilesLimit, boolean reliable, String verdict) {
      this(lagP50Ms, lagP99Ms, lagMaxMs, cpuMean, cpuMax, cores, gcMillis, gcPercent, openFilesMax, openFilesLimit,
          reliable, verdict, null, null, null, null, null, null, null, List.of(), List.of());
    }
  }

  /**
   * The failed requests of one cause, each request a user sees counted once (a failed reply once, not once per row).
   *
   * @param cause an error class ("dropped", "stalled", ...), an http status with its code ("http 429"), or "other"
   * @param percentOfRequests of every request a user saw in the run
   * @param example the first such message, trimmed, secrets masked
   */
  public record ErrorCause(String cause, long count, double percentOfRequests, String example) {}

  /**
   * The target's own resources over the run, read from its Prometheus endpoint (the reference server's /metrics)
   * while the load ran.
   *
   * @param source where they were read, URL masked
   * @param unavailable why nothing was sampled, or null: the page then says so in one line, with no chart
   * @param note what to keep in mind reading them (the embedded target shares the load generator's JVM), or null
   * @param failedScrapes of the scrapes, those that got nothing; firstFailure says why the first did
   * @param scrapeMedianMs what a scrape took: the sampling's own cost to the target
   * @param notExposed the configured series the endpoint did not expose
   */
  public record Resources(String source, String unavailable, String note, int scrapes, int failedScrapes,
      String firstFailure, double scrapeMedianMs, double scrapeMaxMs, List<Series> series, List<String> notExposed) {

    /**
     * One series over the measured run: a gauge as sampled, a counter as its rate per second.
     *
     * @param samples samples taken in the measured run; max and mean of them, null when there were none
     * @param perWindow the highest sample in each of the run's windows, null for a window without one
     */
    public record Series(String name, String metric, String unit, long samples, Double max, Double mean,
        List<Double> perWindow) {}
  }

  /**
   * One conversation journey's turns: TTFT against the prompt each turn sent, which grows as every turn sends the
   * history again.
   *
   * @param msPerThousandPromptTokens the least-squares slope of the turns' median TTFT over their median prompt
   *     tokens: what 1,000 more tokens of history added to the TTFT (the target's prefill); null with fewer than two
   *     turns of different lengths
   * @param promptTokenSource "usage" (the server counted them), "estimated" (its characters / 4: no usage), or
   *     "usage on N of M replies"
   */
  public record Conversation(String journey, List<Turn> turns, Double msPerThousandPromptTokens,
      String promptTokenSource) {

    /** @param promptTokens the median of the turn's OK replies; TTFT in ms, to the microsecond */
    public record Turn(int turn, long replies, double promptTokens, double ttftP50, double ttftP95) {}
  }

  /** A distribution in ms: median, 95th and 99th percentiles, maximum. */
  public record Spread(double p50, double p95, double p99, double max) {}

  /** The distribution of gaps between consecutive content events, in ms to the microsecond. */
  public record ChunkGaps(long count, double p50, double p95, double p99, double max) {}

  /**
   * Streamed audio of one journey.
   *
   * @param msPerKib the pace after the first byte, the inverse of audio bytes/s
   * @param bytesPerSecond median per response, from its pace
   */
  public record Audio(String journey, long responses, long failedResponses, RowStats firstAudioByte,
      RowStats msPerKib, double bytesPerSecond) {}

  /**
   * Comparison of every budgeted row's p95 with the stored baseline of the same simulation and scale.
   *
   * @param samples this run's OK samples of every row a baseline of it compares, bounded: what save-baseline keeps
   */
  public record Comparison(String baselineFile, String status, String note, List<Delta> deltas,
      List<KeptSamples.Row> samples) {

    public Comparison(String baselineFile, String status, String note, List<Delta> deltas) {
      this(baselineFile, status, note, deltas, List.of());
    }

    /**
     * @param thresholdPercent 10 % for API rows, 15 % for ML pipeline rows (configurable)
     * @param regression the service regressed: the p95's interval lies above the allowed rise, and the server's own
     *     timings, where there are some, rose as well
     * @param interval the p95's change with its 95 % interval and verdict; null in a summary written before
     */
    public record Delta(String path, long baselineP95, long currentP95, double changePercent,
        double thresholdPercent, boolean regression, ChangeInterval interval) {}
  }

  /**
   * One time window: the requests a user saw (a reply once) that ended in it, their errors and latency percentiles.
   *
   * @param withinBudget its error rate, and every p95 budget whose row had enough samples in it, hold
   * @param latencyJudged at least one p95 budget's row had enough samples in it to be judged
   */
  public record Window(long startOffsetMs, long endOffsetMs, long count, long ko, double errorPercent, long p50,
      long p95, boolean withinBudget, boolean latencyJudged) {}

  /** The per-phase analysis the simulation's shape calls for; absent parts are null. */
  /** @param capacity the Capacity simulation's search for the highest rate meeting every budget, else null */
  public record Phases(Recovery recovery, Drift drift, BreakingPoint breakingPoint, Scaling scaling,
      CapacitySearch capacity) {

    /**
     * Storytailor's scalability validation: the low step and the high one, and the high step's scaling efficiency:
     * (throughput high / throughput low) / (users high / users low).
     */
    public record Scaling(List<Step> steps, Double efficiencyPercent) {

      /**
       * @param perSecond OK requests a user saw, per second of the step (its first request's start to its last's end)
       * @param p95 of those requests, in ms; 0 when none was OK
       */
      public record Step(String group, int users, long count, double errorPercent, double perSecond, long p95) {}
    }


    /**
     * @param recoveryMs from the end of the peak to the start of the first window after which all stay within
     *     budget; null if never
     * @param notJudged why it could not be judged (no window after the peak judged any latency budget), else null
     */
    public record Recovery(long peakEndOffsetMs, Long recoveryMs, long budgetMs, boolean passed, String notJudged) {}

    /**
     * Soak drift: each budgeted row whose time does not grow with the reply's length (REST calls, TTFT, ITL,
     * inter-chunk, first audio byte), its median in the first full window against the last; and the error rate's
     * creep.
     *
     * @param first the first full window in which the load generator was healthy; last the last such
     * @param rows every such row, judged or not
     * @param verdict one line: "holds on N rows", what drifted, or why it could not be judged
     * @param leftOut the windows left out because the load generator was not healthy in them, and why; or null
     */
    public record Drift(Window first, Window last, List<RowDrift> rows, double errorPercentChange,
        double errorBudgetPercent, boolean passed, String verdict, String leftOut) {

      public Drift(Window first, Window last, List<RowDrift> rows, double errorPercentChange,
          double errorBudgetPercent, boolean passed, String verdict) {
        this(first, last, rows, errorPercentChange, errorBudgetPercent, passed, verdict, null);
      }

      /**
       * @param judged whether both windows held enough OK samples of the row
       * @param drifted the median's 95 % interval lies above the row's threshold (and the noise floor)
       * @param interval the median's change with its interval and verdict; null in a summary written before
       */
      public record RowDrift(String path, long firstCount, long lastCount, long firstP50, long lastP50,
          double changePercent, double thresholdPercent, boolean judged, boolean drifted, ChangeInterval interval) {}
    }

    /**
     * @param lastGoodStair the highest stair meeting every budget, or null when even the first did not
     * @param brokeBy what failed first above it: "errors", "latency", "429s" ...
     * @param graceful failures were fast rejections (429/503) rather than timeouts or crashes
     */
    public record BreakingPoint(List<Stair> stairs, String lastGoodStair, Double sustainableRatePerSec,
        String brokeBy, boolean graceful) {

      /** @param count requests a user saw in the stair (a reply once); p95 of the OK ones, over every row kind */
      public record Stair(String group, double ratePerSec, long count, double errorPercent, long p95,
          List<String> failedBudgets) {}
    }
  }
}
