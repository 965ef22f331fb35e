package llmperf.signoff.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import llmperf.gatling.Percentiles;
import llmperf.metrics.AudioTransfer;
import llmperf.metrics.RowNames;
import llmperf.metrics.StreamTally;
import llmperf.metrics.TruthTally;
import llmperf.signoff.Summary;
import llmperf.signoff.log.RequestRecord;

/** The figures of each streaming journey (TTFT, gaps, ITL, tokens/s, goodput) and of each voice journey. */
final class StreamingAnalysis {

  private final RunRecords run;
  private final Statistics statistics;
  private final Map<String, StreamTally> tallies;
  private final Map<String, TruthTally> truths;

  StreamingAnalysis(RunRecords run, Statistics statistics, Map<String, StreamTally> tallies,
      Map<String, TruthTally> truths) {
    this.run = run;
    this.statistics = statistics;
    this.tallies = tallies;
    this.truths = truths;
  }

  /** Every journey with the four stream rows. */
  List<Summary.Streaming> streaming() {
    List<Summary.Streaming> journeys = new ArrayList<>();
    for (List<String> path : run.byPath().keySet()) {
      if (!path.get(path.size() - 1).equals(RowNames.TTFT)) {
        continue;
      }
      List<String> journey = path.subList(0, path.size() - 1);
      List<RequestRecord> ttft = run.at(path);
      List<RequestRecord> endToEnd = run.at(RunRecords.with(journey, RowNames.END_TO_END));
      List<RequestRecord> itl = run.at(RunRecords.with(journey, RowNames.ITL));
      List<RequestRecord> gaps = run.at(RunRecords.with(journey, RowNames.INTER_CHUNK));
      if (endToEnd.isEmpty() || itl.isEmpty() || gaps.isEmpty()) {
        continue;
      }
      String name = String.join(" / ", journey);
      StreamTally tally = tallies.getOrDefault(name, new StreamTally());
      long outputTokens = tally.outputTokens();
      journeys.add(new Summary.Streaming(name, endToEnd.size(),
          endToEnd.stream().filter(r -> !r.ok()).count(),
          statistics.row(path, ttft), statistics.row(RunRecords.with(journey, RowNames.INTER_CHUNK), gaps),
          statistics.row(RunRecords.with(journey, RowNames.ITL), itl),
          statistics.row(RunRecords.with(journey, RowNames.END_TO_END), endToEnd),
          tally.medianTokensPerSecond(),
          tally.goodReplies() / run.seconds(), outputTokens, outputTokens / run.seconds(),
          new Summary.ChunkGaps(tally.gaps(), tally.gapPercentileMs(50), tally.gapPercentileMs(95),
              tally.gapPercentileMs(99), tally.maxGapMs()),
          truth(truths.get(name))));
    }
    return journeys;
  }

  private static Summary.Truth truth(TruthTally tally) {
    if (tally == null || tally.joined() == 0) {
      return null;
    }
    return new Summary.Truth(tally.joined(), tally.missingRecords(), tally.negative(), spread(tally.ttftError()),
        spread(tally.endToEndError()), spread(tally.readDelay()), spread(tally.queueWait()), spread(tally.prefill()),
        spread(tally.rest()), spread(tally.serverTtft()), tally.otherProcess());
  }

  private static Summary.Spread spread(TruthTally.Spread spread) {
    return new Summary.Spread(spread.p50(), spread.p95(), spread.p99(), spread.max());
  }

  /** Every journey with the audio rows. */
  List<Summary.Audio> audio() {
    List<Summary.Audio> journeys = new ArrayList<>();
    for (List<String> path : run.byPath().keySet()) {
      if (!path.get(path.size() - 1).equals(RowNames.FIRST_AUDIO_BYTE)) {
        continue;
      }
      List<String> journey = path.subList(0, path.size() - 1);
      List<RequestRecord> firstByte = run.at(path);
      List<RequestRecord> pace = run.at(RunRecords.with(journey, RowNames.AUDIO_MS_PER_KIB));
      journeys.add(new Summary.Audio(String.join(" / ", journey), firstByte.size(),
          firstByte.stream().filter(r -> !r.ok()).count(), statistics.row(path, firstByte),
          statistics.row(RunRecords.with(journey, RowNames.AUDIO_MS_PER_KIB), pace),
          medianPerSecond(pace, AudioTransfer.KIB)));
    }
    return journeys;
  }

  /**
   * The median rate of rows that each time one {@code unit} (a token for ITL, a KiB for the audio pace): unit
   * per row duration, per second, over the OK rows; 0 when none.
   */
  private static double medianPerSecond(List<RequestRecord> rows, double unit) {
    long[] perSecond = rows.stream().filter(r -> r.ok() && r.durationMs() > 0)
        .mapToLong(r -> Math.round(unit * 1000.0 / r.durationMs())).sorted().toArray();
    return perSecond.length == 0 ? 0 : Percentiles.of(perSecond, 50)[0];
  }
}
