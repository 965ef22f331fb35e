package llmperf.suite.feeders;

import static io.gatling.javaapi.core.CoreDsl.listFeeder;

import io.gatling.javaapi.core.FeederBuilder;
import java.util.Iterator;
import java.util.Map;
import java.util.Random;
import llmperf.config.PromptSettings;
import llmperf.data.Dataset;
import llmperf.data.DatasetPrompts;
import llmperf.data.FeederData;
import llmperf.data.PromptTokens;
import llmperf.data.SyntheticPrompts;

/**
 * The test data of src/test/resources/data, as {@link FeederData} read and checked it before any load. Every feeder
 * is circular, random or weighted: none can run dry.
 */
public final class Feeders {

  public static final String PROMPTS = FeederData.PROMPTS.path();

  private Feeders() {}

  /** username, provider. Passwords are not in the file: they come from target.user-password. */
  public static FeederBuilder<Object> users() {
    return listFeeder(FeederData.shipped().users()).circular();
  }

  /**
   * prompt, max_tokens, kind (short, medium, story), drawn by their weight column; one sequence per
   * {@code seed} and {@code drawer} (the journey drawing), the same from run to run.
   */
  public static Iterator<Map<String, Object>> prompts(long seed, String drawer) {
    return new WeightedFeeder(PROMPTS, FeederData.shipped().prompts(), new Random(seed * 31 + drawer.hashCode()));
  }

  /**
   * The prompts of an OpenAI-compatible journey step: the csv's, synthetic ones sized in tokens, or a dataset's
   * conversations ({@code prompts.source}); either way one sequence per {@code seed} and {@code drawer}.
   *
   * @param tokens how synthetic prompts are sized and dataset prompts counted
   * @param overheadChars characters the request adds around the prompt that the server counts as prompt
   */
  public static Iterator<Map<String, Object>> completionPrompts(PromptSettings settings, PromptTokens tokens,
      long seed, String drawer, int overheadChars) {
    if (settings.isDataset()) {
      return new DatasetPrompts(Dataset.of(settings.dataset()), tokens, seed, drawer, overheadChars);
    }
    return settings.isSynthetic() ? new SyntheticPrompts(settings.synthetic(), tokens, seed, drawer, overheadChars)
        : prompts(seed, drawer);
  }

  /** The largest max_tokens any prompt asks for: sizes the stream event buffers. */
  public static int maxOutputTokens() {
    return FeederData.shipped().maxOutputTokens();
  }

  /** voice (id), voice_name, text. */
  public static FeederBuilder<Object> voices() {
    return listFeeder(FeederData.shipped().voices()).random();
  }
}
