package llmperf.data;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import llmperf.config.ConfigError;

/**
 * Prompt tokens as the target's own tokenizer counts them: a local Hugging Face {@code tokenizer.json}
 * ({@code prompts.tokenizer}), read with DJL's binding of Hugging Face's tokenizers (its jar carries the native
 * library: nothing is downloaded). The prompt's text is counted without special tokens; the characters a request adds
 * around it (its system prompt) count by the reference server's rule, as the target's chat template is not known.
 */
public final class TokenizerFile implements PromptTokens {

  private static final String KEY = "prompts.tokenizer";
  private static final String EXPECTED = "expected the path of a local Hugging Face tokenizer.json";
  /** Words of the synthetic prompts': a tokenizer must count them. */
  private static final String PLAIN_WORDS = "the water";
  private static final Map<String, TokenizerFile> READ = new ConcurrentHashMap<>();
  /** Re-cuts tried when a prompt cut at a token's end counts otherwise on its own (merges across the cut). */
  private static final int CUTS = 8;

  private final HuggingFaceTokenizer tokenizer;
  private final String countedBy;

  private TokenizerFile(HuggingFaceTokenizer tokenizer, String name) {
    this.tokenizer = tokenizer;
    this.countedBy = "tokenizer " + name;
  }

  /** The tokenizer at {@code path}, read once; a missing, unreadable or malformed file is a one-line ConfigError. */
  public static TokenizerFile of(String path) {
    return READ.computeIfAbsent(path, TokenizerFile::read);
  }

  private static TokenizerFile read(String path) {
    Path file = Path.of(path);
    if (!Files.exists(file)) {
      throw ConfigError.of(KEY, path, "no such file: " + EXPECTED);
    } else if (!Files.isRegularFile(file)) {
      throw ConfigError.of(KEY, path, "not a file: " + EXPECTED);
    }
    try {
      Files.newInputStream(file).close();
    } catch (IOException e) {
      throw ConfigError.of(KEY, path, "cannot be read (" + e.getMessage() + "): " + EXPECTED);
    }
    HuggingFaceTokenizer tokenizer;
    try {
      tokenizer = HuggingFaceTokenizer.builder().optTokenizerPath(file).optAddSpecialTokens(false)
          .optTruncation(false).optPadding(false).build();
    } catch (IOException | RuntimeException e) {
      throw ConfigError.of(KEY, path, "not a Hugging Face tokenizer.json (" + firstLine(e.getMessage()) + ")");
    } catch (LinkageError e) {
      throw ConfigError.of(KEY, path, "DJL's native tokenizers library did not load (" + firstLine(e.getMessage())
          + ")");
    }
    TokenizerFile read = new TokenizerFile(tokenizer, file.getFileName().toString());
    if (read.encode(PLAIN_WORDS).getIds().length == 0) {
      throw ConfigError.of(KEY, path, "counts no token in \"" + PLAIN_WORDS + "\": expected a tokenizer.json that"
          + " counts text");
    }
    return read;
  }

  private static String firstLine(String message) {
    return message == null ? "unreadable" : message.lines().findFirst().orElse("unreadable");
  }

  private static int ruleTokens(int chars) {
    return (chars + CharsPerToken.RULE - 1) / CharsPerToken.RULE;
  }

  @Override
  public int count(String text, int overheadChars) {
    return encode(text).getIds().length + ruleTokens(overheadChars);
  }

  /** The prompt's text has exactly the tokens asked, less its overhead's, unless the tokenizer merges every cut. */
  @Override
  public String text(Supplier<String> prefix, int prefixTokens, Supplier<String> rest, int tokens,
      int overheadChars) {
    int wanted = Math.max(1, tokens - ruleTokens(overheadChars));
    String shared = prefixTokens > 0 ? cut(new StringBuilder(), prefix, Math.min(prefixTokens, wanted)) : "";
    return cut(new StringBuilder(shared), rest, wanted);
  }

  @Override
  public String countedBy() {
    return countedBy;
  }

  /** {@code text} and then words, cut at the end of the token that makes it {@code tokens} tokens long. */
  private String cut(StringBuilder text, Supplier<String> words, int tokens) {
    Encoding whole = encode(text);
    while (whole.getIds().length <= tokens) {
      int before = whole.getIds().length;
      for (int i = before; i <= tokens; i++) {
        text.append(text.length() > 0 ? " " : "").append(words.get());
      }
      whole = encode(text);
      if (whole.getIds().length == before) {
        return text.toString();
      }
    }
    String best = null;
    int bestMiss = Integer.MAX_VALUE;
    int at = tokens;
    for (int i = 0; i < CUTS && at >= 1 && at <= whole.getIds().length; i++) {
      String cut = text.substring(0, whole.getCharTokenSpans()[at - 1].getEnd());
      int miss = encode(cut).getIds().length - tokens;
      if (Math.abs(miss) < bestMiss) {
        best = cut;
        bestMiss = Math.abs(miss);
      }
      if (miss == 0) {
        break;
      }
      at -= miss;
    }
    return best;
  }

  /** Synchronised: DJL does not say that one native tokenizer may encode on several threads at once. */
  private synchronized Encoding encode(CharSequence text) {
    return tokenizer.encode(text.toString());
  }
}
