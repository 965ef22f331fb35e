package llmperf.metrics;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The tokens the OK replies of one group were asked for (a synthetic prompt's size or a dataset prompt's count, and
 * its max_tokens) against the tokens the server's usage reported for them, so that a server that counts or generates
 * otherwise shows it; and how the asked prompt tokens were counted (a tokenizer, a calibrated ratio, the rule).
 */
public final class TokenAskTally {

  private final Counts askedPrompt = new Counts();
  private final Counts usagePrompt = new Counts();
  private final Counts askedOutput = new Counts();
  private final Counts usageOutput = new Counts();
  private final Set<String> countedBy = new TreeSet<>();

  /**
   * @param usagePrompt and {@code usageOutput}: what the server's usage reported, -1 when it reported none
   * @param countedBy how {@code askedPrompt} was counted
   */
  public synchronized void add(int askedPrompt, int usagePrompt, int askedOutput, int usageOutput, String countedBy) {
    this.countedBy.add(countedBy);
    this.askedPrompt.add(askedPrompt);
    this.askedOutput.add(askedOutput);
    if (usagePrompt >= 0) {
      this.usagePrompt.add(usagePrompt);
    }
    if (usageOutput >= 0) {
      this.usageOutput.add(usageOutput);
    }
  }

  /**
   * What a saved run plan keeps: how many replies had each token count, asked and reported, and how the asked prompt
   * tokens were counted (null in a plan saved before it was kept).
   */
  public record State(Map<Integer, Long> askedPrompt, Map<Integer, Long> usagePrompt, Map<Integer, Long> askedOutput,
      Map<Integer, Long> usageOutput, Set<String> countedBy) {}

  @JsonValue
  public synchronized State state() {
    return new State(new TreeMap<>(askedPrompt.byValue), new TreeMap<>(usagePrompt.byValue),
        new TreeMap<>(askedOutput.byValue), new TreeMap<>(usageOutput.byValue), new TreeSet<>(countedBy));
  }

  @JsonCreator
  public static TokenAskTally of(State state) {
    TokenAskTally tally = new TokenAskTally();
    tally.add(state);
    return tally;
  }

  /** Adds a saved tally, or another load generator's. */
  public synchronized void add(State other) {
    askedPrompt.addAll(other.askedPrompt());
    usagePrompt.addAll(other.usagePrompt());
    askedOutput.addAll(other.askedOutput());
    usageOutput.addAll(other.usageOutput());
    if (other.countedBy() != null) {
      countedBy.addAll(other.countedBy());
    }
  }

  /** Asked and reported p50 and mean of prompt and output tokens; usage figures are over the replies reporting it. */
  public synchronized Figures figures() {
    return new Figures(askedPrompt.count, usagePrompt.count, usageOutput.count,
        askedPrompt.median(), askedPrompt.mean(), usagePrompt.median(), usagePrompt.mean(),
        askedOutput.median(), askedOutput.mean(), usageOutput.median(), usageOutput.mean(),
        countedBy.isEmpty() ? "not saved" : String.join("; ", countedBy));
  }

  /** @param promptCountedBy how the asked prompt tokens were counted; each way, when generators differed */
  public record Figures(long replies, long promptUsageReplies, long outputUsageReplies,
      long promptAskedP50, double promptAskedMean, long promptUsageP50, double promptUsageMean,
      long outputAskedP50, double outputAskedMean, long outputUsageP50, double outputUsageMean,
      String promptCountedBy) {}

  /** Exact counts of each value: token counts take few distinct values. */
  private static final class Counts {
    private final Map<Integer, Long> byValue = new TreeMap<>();
    private long count;
    private long sum;

    void add(int value) {
      byValue.merge(value, 1L, Long::sum);
      count++;
      sum += value;
    }

    void addAll(Map<Integer, Long> counts) {
      counts.forEach((value, n) -> {
        byValue.merge(value, n, Long::sum);
        count += n;
        sum += value * n;
      });
    }

    /** The nearest-rank median; 0 when empty. */
    long median() {
      long rank = Math.max(1, (count + 1) / 2);
      long seen = 0;
      for (Map.Entry<Integer, Long> entry : byValue.entrySet()) {
        seen += entry.getValue();
        if (seen >= rank) {
          return entry.getKey();
        }
      }
      return 0;
    }

    double mean() {
      return count == 0 ? 0 : (double) sum / count;
    }
  }
}
