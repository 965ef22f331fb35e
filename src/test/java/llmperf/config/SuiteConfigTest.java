package llmperf.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.Map;
import llmperf.budgets.Budget;
import llmperf.server.ReasoningSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SuiteConfigTest {

  private static SuiteConfig load(Map<String, String> properties) {
    return SuiteConfig.load(properties, Map.of());
  }

  private static String rejection(Map<String, String> properties) {
    ConfigError error = assertThrows(ConfigError.class, () -> load(properties));
    assertFalse(error.getMessage().contains("\n"), "one line: " + error.getMessage());
    assertEquals(0, error.getStackTrace().length, "a user mistake carries no stack trace");
    return error.getMessage();
  }

  /** Weights are relative within their level: changing one needs no other changed; a level of zeros is refused. */
  @Test
  void mixWeightsAreRelativeAndAWorkloadThatDrawsUsersNeedsAJourney() {
    assertEquals(60, load(Map.of("mix.chat.chat-sse", "60")).mix().journeys().get("chat").get("chat-sse"));
    assertEquals("mix.chat weights are all 0 while mix.workloads.chat draws users: give a journey a weight above 0,"
        + " or the workload a weight of 0", rejection(Map.of("mix.chat.chat-sse", "0", "mix.chat.chat-ws", "0")));
    assertEquals("mix.workloads weights are all 0: give at least one workload a weight above 0", rejection(Map.of(
        "mix.workloads.chat", "0", "mix.workloads.ai-integration", "0", "mix.workloads.platform", "0")));
  }

  /** A workload is declared in mix.workloads and holds its journeys under mix.WORKLOAD: each without the other fails. */
  @Test
  void aWorkloadNeedsBothItsWeightAndItsJourneys() {
    assertEquals("mix.voice-only is not a workload of mix.workloads: add it there with a weight, or move its"
        + " journeys into one of ai-integration, chat, platform", fileRejection("mix.voice-only { voice = 1 }"));
    assertEquals("mix.voice-only is missing: a workload of mix.workloads names its journeys and their weights",
        fileRejection("mix.workloads.voice-only = 10"));
  }

  /** simulations.conf with these lines added, as a user edits it (-D cannot add a key the file lacks). */
  private static String fileRejection(String lines) {
    Config edited = ConfigFactory.parseString(lines).withFallback(ConfigFactory.parseResources("simulations.conf"));
    return assertThrows(ConfigError.class, () -> SuiteConfig.from(edited.resolve())).getMessage();
  }

  @Test
  void theShippedFileLoadsWithTheSourceDocumentsBudgets() {
    SuiteConfig config = load(Map.of());
    assertTrue(config.target().embedded());
    assertEquals("ci", config.profiles().scale());
    Budget ttft = config.budgets().stream().filter(b -> b.key().equals("budgets.chat.ttft.p95")).findFirst().orElseThrow();
    assertEquals(500.0, ttft.limit());
    assertTrue(ttft.isLatency());
    assertEquals(1.0, config.budgets().stream()
        .filter(b -> b.key().equals("budgets.all.error-rate-percent")).findFirst().orElseThrow().limit());
    assertEquals(35, config.mix().journeys().get("ai-integration").get("story"));
  }

  @Test
  void reasoningModelsAreReadWithTheirFieldOrRefusedInOneLine() {
    ReasoningSettings reasoning = load(Map.of("embedded-target.reasoning.tokens", "12")).embeddedTarget().reasoning();
    assertEquals(12, reasoning.tokens());
    assertEquals(Map.of("llmperf-think", ReasoningSettings.Field.REASONING_CONTENT,
        "llmperf-reason", ReasoningSettings.Field.REASONING), reasoning.models());
    assertEquals("embedded-target.reasoning.models.\"qwen3.5:4b\" = \"thoughts\": expected reasoning_content or"
        + " reasoning (the delta field the model's reasoning streams in)",
        fileRejection("embedded-target.reasoning.models { \"qwen3.5:4b\" = thoughts }"));
    assertEquals("embedded-target.reasoning.tokens = \"-1\": expected a whole number between 0 and 4096",
        rejection(Map.of("embedded-target.reasoning.tokens", "-1")));
  }

  @Test
  void aFaultWindowIsReadOrRefusedInOneLine() {
    assertEquals(Duration.ofSeconds(10), load(Map.of("embedded-target.faults.window", "10s..20s"))
        .embeddedTarget().faults().window().from());
    assertEquals("embedded-target.faults.window = \"soon\": expected FROM..TO, durations from the target's first"
        + " request with FROM before TO (like 10s..20s), or empty for always",
        rejection(Map.of("embedded-target.faults.window", "soon")));
  }

  @Test
  void systemPropertiesBeatEnvironmentWhichBeatsTheFile() {
    Map<String, String> env = Map.of("LLM_SCALE", "nightly", "LLM_TARGET_BASE_URL", "http://127.0.0.1:9000/");
    SuiteConfig fromEnv = SuiteConfig.load(Map.of(), env);
    assertEquals("nightly", fromEnv.profiles().scale());
    assertEquals("http://127.0.0.1:9000", fromEnv.target().baseUrl());
    assertEquals("ws://127.0.0.1:9000", fromEnv.target().wsUrl());

    SuiteConfig fromProperty = SuiteConfig.load(Map.of("scale", "release"), env);
    assertEquals("release", fromProperty.profiles().scale());
    assertEquals(Duration.ofMinutes(30), fromProperty.profiles().steady().duration());
  }

  @Test
  void faultsAndTheCapacityModelAreSettableWithSystemProperties() {
    SuiteConfig config = load(Map.of(
        "embedded-target.faults.error-rate", "0.05",
        "embedded-target.faults.ttft-extra", "800ms",
        "embedded-target.port", "18080",
        "embedded-target.seed", "7"));
    assertEquals(0.05, config.embeddedTarget().faults().errorRate());
    assertEquals(Duration.ofMillis(800), config.embeddedTarget().faults().ttftExtra());
    assertEquals(18080, config.embeddedTarget().port());
    assertEquals(7L, config.embeddedTarget().seed());
  }

  @Test
  void theApiKeyNeverShowsInTheTargetsDescription() {
    SuiteConfig config = SuiteConfig.load(Map.of(), Map.of("LLM_API_KEY", "sk-planted-secret-123"));
    assertEquals("sk-planted-secret-123", config.target().apiKey());
    assertFalse(config.target().toString().contains("sk-planted-secret-123"));
  }

  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource(delimiter = '|', value = {
      "budgets.chat.ttft.p95 | fast | budgets.chat.ttft.p95 = \"fast\": expected a duration like 500ms, 2s or 5m",
      "embedded-target.generation.slots | many | embedded-target.generation.slots = \"many\": expected a whole number between 1 and 1000000",
      "scale | huge | scale = \"huge\": expected one of ci, nightly, release",
      "scales.ci.steady.duration | -5s | scales.ci.steady.duration = \"-5s\": expected a duration of 0 or more, like 500ms, 2s or 5m",
      "budgets.all.error-rate-percent | 150 | budgets.all.error-rate-percent = \"150\": expected a percentage between 0 and 100",
      "target.base-url | htp//nowhere | target.base-url = \"htp//nowhere\": expected an absolute URL like http://host:port",
      "target.ws-url | http://127.0.0.1:1 | target.ws-url = \"http://127.0.0.1:1\": expected an absolute URL like ws://host:port",
      "embedded-target.faults.error-rate | 1.5 | embedded-target.faults.error-rate = \"1.5\": expected a fraction between 0 and 1",
      "embedded-target.faults.ttft-extra | -1s | embedded-target.faults.ttft-extra = \"-1s\": expected a duration of 0 or more, like 500ms, 2s or 5m",
      "embedded-target.faults.latency-growth-per-minute | -0.5 | embedded-target.faults.latency-growth-per-minute = \"-0.5\": expected a growth per minute from 0 to 1000 (0.5: 1.5 times after a minute)",
      "scales.ci.steady.poisson | sometimes | scales.ci.steady.poisson = \"sometimes\": expected true or false",
      "mix.chat.chat-sse | -1 | mix.chat.chat-sse = \"-1\": expected a whole weight from 0 to 1000000, relative to the others of mix.chat",
      "mix.chat.chat-sse | 2.5 | mix.chat.chat-sse = 2.5: expected a whole weight from 0 to 1000000, relative to the others of mix.chat",
      "mix.workloads.chat | 0x | mix.workloads.chat = \"0x\": expected a whole weight from 0 to 1000000, relative to the others of mix.workloads",
      "embedded-target.port | 70000 | embedded-target.port = \"70000\": expected a whole number between 0 and 65535",
      "budgets.chat.ttft.p59 | 1s | budgets.chat.ttft.p59 is not a known budget statistic: expected p50, p75, p95,"
          + " p99, max, mean (durations), recovery or window (a duration) or a name ending in -percent",
      "target.modle | x | -Dtarget.modle is not a known setting: see simulations.conf for the keys",
  })
  void aBadValueStopsTheRunWithOneLineNamingKeyValueAndWhatIsAllowed(String key, String value, String message) {
    assertEquals(message, rejection(Map.of(key, value)));
  }

  @Test
  void aBadEnvironmentVariableIsNamedByTheKeyItSets() {
    ConfigError error = assertThrows(ConfigError.class,
        () -> SuiteConfig.load(Map.of(), Map.of("LLM_TARGET_BASE_URL", "localhost:8080")));
    assertEquals("target.base-url = \"localhost:8080\": expected an absolute URL like http://host:port", error.getMessage());
  }

  @Test
  void propertiesOutsideTheSuitesKeysAreIgnored() {
    assertEquals("ci", load(Map.of("simulation", "Smoke", "java.version", "17", "gatling.core.x", "y")).profiles().scale());
  }

  /** The streaming API is one of four, its route must be configured, and tools go only where the API takes them. */
  @Test
  void theApiAndItsToolsAreCheckedBeforeAnyLoad() {
    assertEquals("target.api = \"grpc\": expected one of chat-completions, responses, messages, completions",
        rejection(Map.of("target.api", "grpc")));
    assertEquals(CompletionApi.MESSAGES, load(Map.of("target.api", "messages")).target().api());
    assertEquals("/v1/messages", load(Map.of("target.api", "messages")).target().apiPath());
    assertEquals(java.util.List.of("lookup", "search"),
        load(Map.of("target.tools", "lookup, search")).target().tools(), "a -D list is comma-separated");
    assertTrue(rejection(Map.of("target.tools", "look up")).startsWith("target.tools = \"look up\": expected"));
    assertEquals("target.tools = [lookup]: the legacy completions API takes no tools; use target.api ="
        + " chat-completions, responses or messages, or no tools",
        rejection(Map.of("target.api", "completions", "target.tools", "lookup")));
  }

  /** prompts.source, the synthetic distributions and the dataset keys are checked whether or not they are used. */
  @Test
  void promptSettingsAreCheckedBeforeAnyLoad() {
    assertEquals(PromptSettings.CSV, load(Map.of()).prompts().source());
    PromptSettings synthetic = load(Map.of("prompts.source", "synthetic",
        "prompts.synthetic.input-tokens.mean", "1000", "prompts.synthetic.input-tokens.stddev", "0")).prompts();
    assertTrue(synthetic.isSynthetic());
    assertEquals(1000, synthetic.synthetic().input().mean());
    assertTrue(synthetic.synthetic().ignoreEos());
    assertEquals("prompts.source = \"sharegpt\": expected one of csv, dataset, synthetic",
        rejection(Map.of("prompts.source", "sharegpt")));
    PromptSettings dataset = load(Map.of("prompts.source", "dataset")).prompts();
    assertTrue(dataset.isDataset());
    assertEquals(new PromptSettings.Dataset("data/datasets/sample-conversations.jsonl", 512), dataset.dataset());
    assertEquals("prompts.dataset.max-output-tokens = \"0\": expected a whole number between 1 and 131072",
        rejection(Map.of("prompts.dataset.max-output-tokens", "0")));
    assertEquals("prompts.synthetic.input-tokens.mean = \"5000\": expected a number of tokens from"
        + " prompts.synthetic.input-tokens.min (32) to prompts.synthetic.input-tokens.max (2000)",
        rejection(Map.of("prompts.synthetic.input-tokens.mean", "5000")));
    assertEquals("prompts.synthetic.output-tokens.stddev = \"-1\": expected a number of tokens of 0 or more",
        rejection(Map.of("prompts.synthetic.output-tokens.stddev", "-1")));
    assertEquals("prompts.synthetic.shared-prefix-tokens = \"32\": expected a whole number between 0 and 31",
        rejection(Map.of("prompts.synthetic.shared-prefix-tokens", "32")));
    assertEquals("prompts.synthetic.input-tokens.min = \"8\": expected a whole number between 32 and 131072",
        rejection(Map.of("prompts.synthetic.input-tokens.min", "8")));
  }
}
