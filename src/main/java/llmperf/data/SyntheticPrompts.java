package llmperf.data;

import java.util.Iterator;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import llmperf.config.PromptSettings;

/**
 * Prompts sized in tokens ({@code prompts.source = synthetic}), drawn per request from a seeded sequence: the same
 * seed and drawer give the same prompts in the same order. Each row is a feeder row: {@code prompt},
 * {@code max_tokens} (from the output distribution), {@code kind} "synthetic", {@code prompt_tokens} (what the whole
 * request was sized to), how they were counted ({@link PromptTokens#COUNTED_BY}) and {@code ignore_eos}. The text is
 * sized by {@link PromptTokens} (the target's tokenizer, a calibrated ratio or the reference server's rule), leaving
 * room for the characters the request adds around it (its system prompt). Prompts of one prefix group begin with that
 * group's same {@code shared-prefix-tokens} tokens of text.
 */
public final class SyntheticPrompts implements Iterator<Map<String, Object>> {

  public static final String KIND = "synthetic";
  /** Plain words, so that the text needs no escaping and reads as text to a real tokenizer. */
  private static final String[] WORDS = ("the a of to and in is it you that he was for on are with as his they at be"
      + " this have from or one had by word but not what all were we when your can said there use an each which she"
      + " do how their if will up other about out many then them these so some her would make like him into time"
      + " has look two more write go see number no way could people my than first water been call who oil its now"
      + " find long down day did get come made may part").split(" ");

  private final PromptSettings.Synthetic settings;
  private final PromptTokens tokens;
  private final long seed;
  private final Random random;
  private final int overheadChars;

  /**
   * @param tokens how the prompts are sized
   * @param seed journeys.prompt-seed: it also picks each prefix group's text, the same whatever the drawer
   * @param drawer the journey step drawing, which has a sequence of its own
   * @param overheadChars characters the request adds around the prompt, counted in its prompt tokens
   */
  public SyntheticPrompts(PromptSettings.Synthetic settings, PromptTokens tokens, long seed, String drawer,
      int overheadChars) {
    this.settings = settings;
    this.tokens = tokens;
    this.seed = seed;
    this.random = new Random(seed * 31 + drawer.hashCode());
    this.overheadChars = overheadChars;
  }

  @Override
  public boolean hasNext() {
    return true;
  }

  /** One draw; synchronised so that virtual users sharing the feeder keep the sequence whole. */
  @Override
  public synchronized Map<String, Object> next() {
    int input = draw(settings.input());
    int output = draw(settings.output());
    int group = random.nextInt(settings.prefixGroups());
    long textSeed = random.nextLong();
    String text = tokens.text(words(new SplittableRandom(seed * 1_000_003L + group)),
        settings.sharedPrefixTokens(), words(new SplittableRandom(textSeed)), input, overheadChars);
    return Map.of("prompt", text, "max_tokens", output, "kind", KIND, "prompt_tokens", input,
        PromptTokens.COUNTED_BY, tokens.countedBy(), "ignore_eos", settings.ignoreEos());
  }

  private int draw(PromptSettings.Lengths lengths) {
    double value = lengths.mean() + lengths.stddev() * random.nextGaussian();
    return (int) Math.max(lengths.min(), Math.min(lengths.max(), Math.round(value)));
  }

  /** {@code chars} characters of the plain words, drawn by {@code seed}: a prompt of a known length. */
  public static String plainText(int chars, long seed) {
    return CharsPerToken.rule(1).text(words(new SplittableRandom(seed)), 0, words(new SplittableRandom(seed)), chars,
        0);
  }

  /** Words drawn from the plain words by {@code random}. */
  private static Supplier<String> words(SplittableRandom random) {
    return () -> WORDS[random.nextInt(WORDS.length)];
  }
}
