package llmperf.preflight;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import llmperf.config.CompletionApi;
import llmperf.config.PromptSettings;
import llmperf.config.SuiteConfig;
import llmperf.config.TargetConfig;
import llmperf.data.CharsPerToken;
import llmperf.data.PromptTokens;
import llmperf.data.SyntheticPrompts;
import llmperf.data.TokenizerFile;
import llmperf.safety.SecretMasking;

/**
 * How the run counts prompt tokens ({@link PromptTokens}): with {@code prompts.tokenizer} when it names one; else,
 * against a target other than the embedded one with synthetic or dataset prompts, by the characters per token its
 * usage reports for one probe, sent once before any load; else by the reference server's rule. The probe is a
 * non-streamed request of target.api with a synthetic prompt of known length and max_tokens 1, sized like the mean
 * synthetic prompt (by the rule, 256 to 4,096 tokens) so that the fixed tokens of the target's chat template weigh
 * there as in the prompts. The console says what was measured; a target without usage falls back to the rule, saying
 * so; one that refuses the probe, or reports a count no tokenizer gives, stops the run with one line.
 */
public final class PromptCalibration {

  static final String HEADLINE = "Prompt calibration failed";
  static final int MIN_PROBE_TOKENS = 256;
  static final int MAX_PROBE_TOKENS = 4096;
  /** Characters per token a count of plain English words can have: any tokenizer's lies between. */
  static final double MIN_CHARS_PER_TOKEN = 1;
  static final double MAX_CHARS_PER_TOKEN = 16;
  /** The Responses API's least max_output_tokens (OpenAI refuses fewer). */
  private static final int RESPONSES_LEAST_OUTPUT = 16;
  private static final long PROBE_SEED = 20_261_205L;
  private static final ObjectMapper JSON = new ObjectMapper();
  /** One probe a target per JVM: the Capacity search's probe simulations reuse it. */
  private static final Map<String, PromptTokens> CALIBRATED = new ConcurrentHashMap<>();

  private PromptCalibration() {}

  /** How this run counts prompt tokens; says on the console how it was decided when prompts are sized or counted. */
  public static PromptTokens promptTokens(SuiteConfig config) {
    return promptTokens(config, System.out::println);
  }

  static PromptTokens promptTokens(SuiteConfig config, Consumer<String> console) {
    PromptSettings prompts = config.prompts();
    TargetConfig target = config.target();
    if (!prompts.tokenizer().isEmpty()) {
      TokenizerFile tokenizer = TokenizerFile.of(prompts.tokenizer());
      say(console, prompts, "counted by " + tokenizer.countedBy() + " (prompts.tokenizer)");
      return tokenizer;
    } else if (target.embedded()) {
      return CharsPerToken.rule(config.embeddedTarget().charsPerToken());
    }
    CharsPerToken rule = CharsPerToken.rule(CharsPerToken.RULE);
    if (!prompts.countsTokens()) {
      return rule;
    } else if (!target.preflight()) {
      say(console, prompts, "not calibrated (target.preflight = false): " + rule.countedBy());
      return rule;
    }
    int chars = probeChars(prompts.synthetic().input());
    return CALIBRATED.computeIfAbsent(target.baseUrl() + target.apiPath() + " " + target.model() + " " + chars,
        key -> calibrate(target, chars, console));
  }

  private static void say(Consumer<String> console, PromptSettings prompts, String line) {
    if (prompts.countsTokens()) {
      console.accept("Prompt tokens " + line);
    }
  }

  /** The probe's characters: the mean synthetic prompt by the rule, within the probe's bounds. */
  static int probeChars(PromptSettings.Lengths input) {
    long tokens = Math.max(MIN_PROBE_TOKENS, Math.min(MAX_PROBE_TOKENS, Math.round(input.mean())));
    return (int) tokens * CharsPerToken.RULE;
  }

  private static PromptTokens calibrate(TargetConfig target, int chars, Consumer<String> console) {
    URI uri = URI.create(target.baseUrl() + target.apiPath());
    String url = SecretMasking.mask(uri.toString());
    HttpResponse<String> response = send(probe(target, uri, SyntheticPrompts.plainText(chars, PROBE_SEED)), target,
        url);
    int status = response.statusCode();
    if (status == 401 || status == 403) {
      throw new PreflightError(HEADLINE, "POST " + url + ": HTTP " + status + ", the target refused the API key"
          + " (target.api-key or LLM_API_KEY)" + Preflight.SKIP);
    } else if (status >= 300) {
      throw new PreflightError(HEADLINE, "POST " + url + ": HTTP " + status + " to a non-streamed " + target.api()
          .setting() + " request of " + chars + " characters (target.api names the API; prompts.tokenizer, a"
          + " tokenizer.json, needs no probe)" + Preflight.SKIP);
    }
    String field = usageField(target.api());
    int usage = usagePromptTokens(target.api(), response.body());
    CharsPerToken rule = CharsPerToken.rule(CharsPerToken.RULE);
    if (usage <= 0) {
      console.accept("Prompt tokens not calibrated: the target's reply has no " + field + ", so " + rule.countedBy()
          + " counts them");
      return rule;
    }
    double ratio = charsPerToken(chars, usage, field);
    console.accept("Prompt tokens calibrated: " + measured(ratio, usage, chars, field));
    return CharsPerToken.calibrated(ratio);
  }

  /**
   * The characters per token of {@code usage} tokens for {@code chars} characters of plain words; a count no
   * tokenizer gives (under 1 or over 16 characters a token) is not one of this prompt, and stops the run.
   */
  static double charsPerToken(int chars, int usage, String field) {
    double ratio = (double) chars / usage;
    if (ratio < MIN_CHARS_PER_TOKEN || ratio > MAX_CHARS_PER_TOKEN) {
      throw new PreflightError(HEADLINE, measured(ratio, usage, chars, field) + ": no tokenizer counts plain words"
          + " so (expected 1 to 16 characters a token); prompts.tokenizer can name the model's tokenizer.json"
          + Preflight.SKIP);
    }
    return ratio;
  }

  static String measured(double ratio, int usage, int chars, String field) {
    return String.format(Locale.ROOT, "%.2f characters per token from %s = %d for %d characters", ratio, field, usage,
        chars);
  }

  /** Where the API's non-streamed reply reports the prompt's tokens. */
  static String usageField(CompletionApi api) {
    return api == CompletionApi.CHAT_COMPLETIONS || api == CompletionApi.COMPLETIONS ? "usage.prompt_tokens"
        : "usage.input_tokens";
  }

  /**
   * The prompt tokens of a non-streamed reply of {@code api}; -1 when it reports none. Anthropic's input_tokens leave
   * out the tokens read from or written to its cache: those count too.
   */
  static int usagePromptTokens(CompletionApi api, String body) {
    JsonNode usage;
    try {
      usage = JSON.readTree(body).path("usage");
    } catch (JsonProcessingException e) {
      return -1;
    }
    JsonNode tokens = usage.path(usageField(api).substring("usage.".length()));
    if (!tokens.isIntegralNumber()) {
      return -1;
    }
    int count = tokens.asInt();
    if (api == CompletionApi.MESSAGES) {
      count += usage.path("cache_creation_input_tokens").asInt(0) + usage.path("cache_read_input_tokens").asInt(0);
    }
    return count;
  }

  /** The non-streamed request of {@code api} with {@code prompt} as its one user message and one output token. */
  static String body(CompletionApi api, String model, String prompt) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("model", model);
    List<Map<String, String>> messages = List.of(Map.of("role", "user", "content", prompt));
    switch (api) {
      case CHAT_COMPLETIONS, MESSAGES -> {
        body.put("messages", messages);
        body.put("max_tokens", 1);
      }
      case RESPONSES -> {
        body.put("input", messages);
        body.put("max_output_tokens", RESPONSES_LEAST_OUTPUT);
      }
      case COMPLETIONS -> {
        body.put("prompt", prompt);
        body.put("max_tokens", 1);
      }
    }
    body.put("stream", false);
    try {
      return JSON.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a map of strings and numbers always serialises", e);
    }
  }

  private static HttpRequest probe(TargetConfig target, URI uri, String prompt) {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(target.requestTimeout())
        .header("User-Agent", TargetConfig.USER_AGENT).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body(target.api(), target.model(), prompt)));
    if (target.api() == CompletionApi.MESSAGES) {
      request.header("x-api-key", target.apiKey()).header("anthropic-version", CompletionApi.ANTHROPIC_VERSION);
    } else if (!target.apiKey().isEmpty()) {
      request.header("Authorization", "Bearer " + target.apiKey());
    }
    return request.build();
  }

  private static HttpResponse<String> send(HttpRequest request, TargetConfig target, String url) {
    HttpClient client = HttpClient.newBuilder().connectTimeout(target.connectTimeout())
        .followRedirects(HttpClient.Redirect.NORMAL).build();
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new PreflightError(HEADLINE, "POST " + url + ": " + Preflight.cause(e, target) + Preflight.SKIP);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PreflightError(HEADLINE, "POST " + url + ": interrupted" + Preflight.SKIP);
    }
  }
}
