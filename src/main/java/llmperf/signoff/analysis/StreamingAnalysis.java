package llmperf.signoff.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import llmperf.metrics.AudioTransfer;
import llmperf.metrics.RowNames;
import llmperf.metrics.StreamTally;
import llmperf.metrics.TokenAskTally;
import llmperf.metrics.TimingsTally;
import llmperf.metrics.TruthTally;

/** The figures of each streaming journey (TTFT, gaps, ITL, tokens/s, goodput) and of each voice journey. */
final class StreamingAnalysis {

  private final RunTally run;
  private final Statistics statistics;
  private final Map<String, StreamTally> tallies;
  private final Map<String, TruthTally> truths;

  StreamingAnalysis(RunTally run, Statistics statistics, Map<String, StreamTally> tallies,
      Map<String, TruthTally> truths) {
    this.run = run;
    this.statistics = statistics;
    this.tallies = tallies;
    this.truths = truths;
  }

  /** Every journey with the four stream rows. */
  List<Summary.Streaming> streaming() {
    List<Summary.Streaming> journeys = new ArrayList<>();
    for (List<String> path : run.rows().keySet()) {
      if (!path.get(path.size() - 1).equals(RowNames.TTFT)) {
        continue;
      }
      List<String> journey = path.subList(0, path.size() - 1);
      RowTally ttft = run.at(path);
      RowTally endToEnd = run.at(RunTally.with(journey, RowNames.END_TO_END));
      RowTally itl = run.at(RunTally.with(journey, RowNames.ITL));
      RowTally gaps = run.at(RunTally.with(journey, RowNames.INTER_CHUNK));
      if (endToEnd.count() == 0 || itl.count() == 0 || gaps.count() == 0) {
        continue;
      }
      String name = String.join(" / ", journey);
      StreamTally tally = tallies.getOrDefault(name, new StreamTally());
      long outputTokens = tally.outputTokens();
      journeys.add(new Summary.Streaming(name, endToEnd.count(), endToEnd.ko(),
          statistics.row(path, ttft), statistics.row(RunTally.with(journey, RowNames.INTER_CHUNK), gaps),
          statistics.row(RunTally.with(journey, RowNames.ITL), itl),
          statistics.row(RunTally.with(journey, RowNames.END_TO_END), endToEnd),
          tally.medianTokensPerSecond(),
          tally.goodReplies() / run.seconds(), outputTokens, outputTokens / run.seconds(), tokenSource(tally),
          new Summary.ChunkGaps(tally.gaps(), tally.gapPercentileMs(50), tally.gapPercentileMs(95),
              tally.gapPercentileMs(99), tally.maxGapMs()),
          truth(truths.get(name)), timings(tally.timings()), rowOrNull(journey, RowNames.ANSWER_TTFT),
          rowOrNull(journey, RowNames.TOOL_CALL),
          outputTokens == 0 ? 0 : 100.0 * tally.reasoningTokens() / outputTokens, asked(tally)));
    }
    return journeys;
  }

  /** What synthetic or dataset prompts asked for against the server's usage, or null when no reply had one. */
  private static TokenAskTally.Figures asked(StreamTally tally) {
    TokenAskTally.Figures figures = tally.asked().figures();
    return figures.replies() == 0 ? null : figures;
  }

  /** The statistics of one of the journey's rows, or null when it wrote none. */
  private Summary.RowStats rowOrNull(List<String> journey, String row) {
    List<String> path = RunTally.with(journey, row);
    RowTally rows = run.at(path);
    return rows.count() == 0 ? null : statistics.row(path, rows);
  }

  /** Whether the OK replies' tokens were reported (usage) or counted (one per content event). */
  private static String tokenSource(StreamTally tally) {
    if (tally.replies() == 0) {
      return "-";
    } else if (tally.repliesWithUsage() == tally.replies()) {
      return "usage";
    }
    return tally.repliesWithUsage() == 0 ? "content events"
        : "usage on " + tally.repliesWithUsage() + " of " + tally.replies() + " replies";
  }

  private static Summary.Truth truth(TruthTally tally) {
    if (tally == null || tally.joined() == 0) {
      return null;
    }
    return new Summary.Truth(tally.joined(), tally.missingRecords(), tally.negative(), spread(tally.ttftError()),
        spread(tally.endToEndError()), spread(tally.readDelay()), spread(tally.queueWait()), spread(tally.prefill()),
        spread(tally.rest()), spread(tally.serverTtft()), tally.otherProcess(),
        tally.prefixHits() == 0 ? null : new Summary.PrefixCache(tally.prefixHits(), spread(tally.prefixHitTtft()),
            tally.prefixMisses(), spread(tally.prefixMissTtft())));
  }

  private static Summary.Timings timings(TimingsTally tally) {
    if (tally.withTimings() == 0) {
      return null;
    }
    return new Summary.Timings("llama.cpp timings in " + tally.withTimings() + " of " + tally.replies() + " replies",
        tally.replies(), tally.withTimings(), spread(tally.ttftMinusPrompt()), spread(tally.itlMinusPerToken()),
        spread(tally.serverPrompt()), spread(tally.serverPerToken()));
  }

  private static Summary.Spread spread(TruthTally.Spread spread) {
    return new Summary.Spread(spread.p50(), spread.p95(), spread.p99(), spread.max());
  }

  /** Every journey with the audio rows. */
  List<Summary.Audio> audio() {
    List<Summary.Audio> journeys = new ArrayList<>();
    for (List<String> path : run.rows().keySet()) {
      if (!path.get(path.size() - 1).equals(RowNames.FIRST_AUDIO_BYTE)) {
        continue;
      }
      List<String> journey = path.subList(0, path.size() - 1);
      RowTally firstByte = run.at(path);
      RowTally pace = run.at(RunTally.with(journey, RowNames.AUDIO_MS_PER_KIB));
      journeys.add(new Summary.Audio(String.join(" / ", journey), firstByte.count(), firstByte.ko(),
          statistics.row(path, firstByte),
          statistics.row(RunTally.with(journey, RowNames.AUDIO_MS_PER_KIB), pace),
          medianPerSecond(pace, AudioTransfer.KIB)));
    }
    return journeys;
  }

  /**
   * The median rate of rows that each time one {@code unit} (a token for ITL, a KiB for the audio pace): unit
   * per row duration, per second, over the OK rows; 0 when none.
   */
  private static double medianPerSecond(RowTally rows, double unit) {
    Durations perSecond = rows.ok().filter(ms -> ms > 0).map(ms -> Math.round(unit * 1000.0 / ms));
    return perSecond.isEmpty() ? 0 : perSecond.percentile(50);
  }
}
