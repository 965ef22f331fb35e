package llmperf.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import llmperf.budgets.Budget;
import llmperf.profiles.Profiles;
import llmperf.resources.TargetMetrics;
import llmperf.server.FaultWindow;
import llmperf.server.Faults;
import llmperf.server.ReasoningSettings;
import llmperf.server.TargetSettings;

/**
 * The one typed, immutable view of the suite's settings, validated as a whole before any load starts.
 * Layers, highest first: -D system properties, documented environment variables, simulations.conf, built-in defaults.
 */
public record SuiteConfig(
    TargetConfig target,
    Profiles profiles,
    String workload,
    Mix mix,
    List<Budget> budgets,
    int chatTurns,
    int conversationTurns,
    long promptSeed,
    PromptSettings prompts,
    TargetSettings embeddedTarget,
    TargetMetrics targetMetrics,
    ReplaySettings replay) {

  /** Environment variables the suite reads, and the key each one sets. */
  public static final Map<String, String> ENVIRONMENT_KEYS = Map.of(
      "LLM_TARGET_BASE_URL", "target.base-url",
      "LLM_TARGET_WS_URL", "target.ws-url",
      "LLM_API_KEY", "target.api-key",
      "LLM_USER_PASSWORD", "target.user-password",
      "LLM_SCALE", "scale");

  /** Top-level keys the suite owns; a -D under one of them that simulations.conf does not know is a typo. */
  private static final String MODEL_EXPECTED =
      "expected the model name the target serves (its /v1/models lists them), e.g. llama3.1:8b";
  static final Set<String> ROOTS = Set.of("scale", "workload", "target", "journeys", "prompts", "scales", "mix",
      "budgets", "embedded-target", "replay");

  public static final Set<String> SCALES = new TreeSet<>(List.of("ci", "nightly", "release"));

  private static final String FILE = "simulations.conf";

  /** simulations.conf alone, with no -D and no environment: the reference values of every setting. */
  public static SuiteConfig defaults() {
    return load(Map.of(), Map.of());
  }

  /** Loads from the real system properties, environment and classpath. */
  public static SuiteConfig load() {
    Map<String, String> properties = new HashMap<>();
    Properties system = System.getProperties();
    for (String name : system.stringPropertyNames()) {
      properties.put(name, system.getProperty(name));
    }
    return load(properties, System.getenv());
  }

  public static SuiteConfig load(Map<String, String> systemProperties, Map<String, String> environment) {
    Config file;
    try {
      file = ConfigFactory.parseResources(FILE, ConfigParseOptions.defaults().setAllowMissing(false))
          .withFallback(builtInDefaults());
    } catch (ConfigException.IO | ConfigException.Parse e) {
      throw new ConfigError(FILE + " could not be read: " + e.getMessage());
    }
    Config fromEnvironment = ConfigFactory.parseMap(environmentOverrides(environment), "environment variables");
    Config fromProperties = ConfigFactory.parseMap(ownProperties(systemProperties, file), "-D system properties");
    return from(fromProperties.withFallback(fromEnvironment).withFallback(file).resolve());
  }

  /** Values a trimmed-down simulations.conf may leave out. */
  private static Config builtInDefaults() {
    Map<String, Object> defaults = new HashMap<>();
    defaults.put("scale", "ci");
    defaults.put("workload", Mix.FULL);
    defaults.put("target.base-url", TargetConfig.EMBEDDED);
    defaults.put("target.ws-url", "");
    defaults.put("target.api-key", "");
    defaults.put("target.user-password", "");
    defaults.put("target.allow-remote-heavy-load", false);
    defaults.put("target.preflight", true);
    defaults.put("target.metrics.api-key", "");
    defaults.put("embedded-target.port", 0);
    defaults.put("embedded-target.seed", 42);
    return ConfigFactory.parseMap(defaults, "built-in defaults");
  }

  private static Map<String, String> environmentOverrides(Map<String, String> environment) {
    Map<String, String> overrides = new HashMap<>();
    ENVIRONMENT_KEYS.forEach((variable, key) -> {
      String value = environment.get(variable);
      if (value != null && !value.isBlank()) {
        overrides.put(key, value);
      }
    });
    return overrides;
  }

  /**
   * The -D properties under the suite's own keys; any that names no known key stops the run. Budgets may name any
   * row of a journey (budgets.voice.first-audio-byte.p95), which the file need not list: the budget reader checks
   * their journey, row and statistic.
   */
  private static Map<String, String> ownProperties(Map<String, String> systemProperties, Config file) {
    Map<String, String> own = new HashMap<>();
    for (Map.Entry<String, String> property : new TreeMap<>(systemProperties).entrySet()) {
      String key = property.getKey();
      if (!ROOTS.contains(key.split("\\.", 2)[0])) {
        continue;
      }
      if (!file.hasPath(key) && !key.startsWith("budgets.")) {
        throw new ConfigError("-D" + key + " is not a known setting: see simulations.conf for the keys");
      }
      own.put(key, property.getValue());
    }
    return own;
  }

  /** The route the preflight probes: a bare OpenAI server has no health route, but every one lists its models. */
  public String preflightPath() {
    return workload.equals(Mix.OPENAI) ? "models" : "health";
  }

  static SuiteConfig from(Config config) {
    ConfigReader reader = new ConfigReader(config);
    String scale = reader.oneOf("scale", SCALES);
    TargetSettings embeddedTarget = embeddedTarget(reader);
    String workload = reader.oneOf("workload", Mix.WORKLOADS);
    TargetConfig target = target(reader, embeddedTarget);
    // The configured mix names the journeys budgets may name, whichever workload runs.
    Mix configured = mix(reader);
    List<Budget> budgets = BudgetReader.read(reader, configured.journeyNames());
    return new SuiteConfig(
        target,
        profiles(reader, scale),
        workload,
        workload.equals(Mix.OPENAI) ? Mix.OPENAI_ONLY : configured,
        budgets,
        (int) reader.integer("journeys.chat.turns", 1, 1000),
        (int) reader.integer("journeys.conversation.turns", 1, 50),
        reader.integer("journeys.prompt-seed", 0, Integer.MAX_VALUE),
        PromptSettings.read(reader),
        embeddedTarget,
        TargetMetricsReader.read(reader, target, budgets),
        ReplaySettings.read(reader));
  }

  /** OpenAI's and Anthropic's rule for a function's name. */
  private static final Pattern TOOL_NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  private static TargetConfig target(ConfigReader reader, TargetSettings embeddedTarget) {
    Map<String, String> paths = new LinkedHashMap<>();
    reader.children("target.paths").keySet().forEach(name -> {
      String key = "target.paths." + name;
      String path = reader.string(key);
      if (!path.startsWith("/")) {
        throw ConfigError.of(key, path, "expected a path starting with /");
      }
      paths.put(name, path);
    });
    boolean embedded = reader.string("target.base-url").equals(TargetConfig.EMBEDDED);
    String baseUrl = embedded
        ? ""
        : TargetConfig.rootOf(reader.url("target.base-url", List.of("http", "https")).toString(), paths.values());
    String wsUrl = reader.string("target.ws-url").isEmpty()
        ? (embedded ? "" : TargetConfig.wsUrlOf(baseUrl))
        : stripSlash(reader.url("target.ws-url", List.of("ws", "wss")).toString());
    String apiKey = reader.string("target.api-key");
    String userPassword = reader.string("target.user-password");
    if (embedded) {
      apiKey = apiKey.isEmpty() ? embeddedTarget.apiKey() : apiKey;
      userPassword = userPassword.isEmpty() ? embeddedTarget.userPassword() : userPassword;
    }
    CompletionApi api = CompletionApi.of(reader.oneOf("target.api", new LinkedHashSet<>(CompletionApi.settings())));
    if (!paths.containsKey(api.pathName())) {
      throw new ConfigError("target.paths." + api.pathName() + " is missing: target.api = " + api.setting()
          + " sends its completions there");
    }
    List<String> tools = reader.names("target.tools", TOOL_NAME,
        "function names of letters, digits, _ and -, up to 64 characters");
    if (!tools.isEmpty() && api == CompletionApi.COMPLETIONS) {
      throw new ConfigError("target.tools = " + tools + ": the legacy completions API takes no tools; use"
          + " target.api = chat-completions, responses or messages, or no tools");
    }
    return new TargetConfig(embedded, baseUrl, wsUrl, apiKey, userPassword,
        reader.nonEmptyString("target.model", MODEL_EXPECTED),
        reader.positiveDuration("target.timeouts.connect"),
        reader.positiveDuration("target.timeouts.request"),
        reader.positiveDuration("target.timeouts.stream"),
        reader.positiveDuration("target.timeouts.stream-idle"),
        reader.duration("target.connections.keep-alive"),
        reader.bool("target.allow-remote-heavy-load"),
        Map.copyOf(paths),
        reader.bool("target.preflight"),
        api,
        tools);
  }

  private static Profiles profiles(ConfigReader reader, String scale) {
    String at = "scales." + scale;
    Map<String, Profiles.Level> levels = new LinkedHashMap<>();
    reader.children(at + ".levels").keySet().forEach(name -> {
      String key = at + ".levels." + name;
      levels.put(name, new Profiles.Level(
          (int) reader.integer(key + ".users", 1, 100_000),
          (int) reader.integer(key + ".requests", 1, 1_000_000)));
    });
    return new Profiles(scale,
        reader.positiveDuration(at + ".max-duration"),
        reader.duration(at + ".think-time"),
        new Profiles.WarmUp(reader.duration(at + ".warm-up.duration"), rate(reader, at + ".warm-up.rate")),
        new Profiles.Steady(
            reader.duration(at + ".steady.ramp"),
            rate(reader, at + ".steady.rate"),
            reader.positiveDuration(at + ".steady.duration"),
            reader.bool(at + ".steady.poisson")),
        new Profiles.Spike(
            rate(reader, at + ".spike.base-rate"),
            rate(reader, at + ".spike.peak-rate"),
            reader.duration(at + ".spike.ramp"),
            reader.positiveDuration(at + ".spike.hold"),
            reader.positiveDuration(at + ".spike.recovery-window")),
        new Profiles.Soak(
            rate(reader, at + ".soak.rate"),
            reader.positiveDuration(at + ".soak.duration"),
            reader.positiveDuration(at + ".soak.window")),
        stairs(reader, at + ".stress"),
        CapacityReader.read(reader, at + ".capacity"),
        Map.copyOf(levels),
        new Profiles.Scalability(step(reader, at + ".scalability.low"), step(reader, at + ".scalability.high")),
        new Profiles.Conversations((int) reader.integer(at + ".conversation.users", 1, 100_000),
            reader.positiveDuration(at + ".conversation.duration")));
  }

  private static Profiles.Scalability.Step step(ConfigReader reader, String at) {
    return new Profiles.Scalability.Step((int) reader.integer(at + ".users", 1, 100_000),
        reader.positiveDuration(at + ".duration"));
  }

  private static Profiles.Stairs stairs(ConfigReader reader, String at) {
    return new Profiles.Stairs(
        rate(reader, at + ".start-rate"),
        reader.number(at + ".step", 0.001, 100_000, "expected a rate step above 0 (users per second)"),
        (int) reader.integer(at + ".steps", 1, 1000),
        reader.positiveDuration(at + ".step-duration"),
        reader.duration(at + ".ramp"));
  }

  private static double rate(ConfigReader reader, String key) {
    return reader.number(key, 0.001, 100_000, "expected a rate above 0 (users per second), like 5 or 0.5");
  }

  private static Mix mix(ConfigReader reader) {
    Map<String, Integer> workloads = weights(reader, "mix.workloads");
    if (workloads.values().stream().allMatch(weight -> weight == 0)) {
      throw new ConfigError("mix.workloads weights are all 0: give at least one workload a weight above 0");
    }
    Set<String> children = reader.children("mix").keySet();
    for (String child : children) {
      if (!child.equals("workloads") && !workloads.containsKey(child)) {
        throw new ConfigError("mix." + child + " is not a workload of mix.workloads: add it there with a weight, or"
            + " move its journeys into one of " + String.join(", ", new TreeSet<>(workloads.keySet())));
      }
    }
    Map<String, Map<String, Integer>> journeys = new LinkedHashMap<>();
    for (String workload : new TreeSet<>(workloads.keySet())) {
      String key = "mix." + workload;
      if (!children.contains(workload)) {
        throw new ConfigError(key + " is missing: a workload of mix.workloads names its journeys and their weights");
      }
      Map<String, Integer> weights = weights(reader, key);
      if (workloads.get(workload) > 0 && weights.values().stream().allMatch(weight -> weight == 0)) {
        throw new ConfigError(key + " weights are all 0 while mix.workloads." + workload + " draws users: give a"
            + " journey a weight above 0, or the workload a weight of 0");
      }
      journeys.put(workload, weights);
    }
    return new Mix(workloads, Map.copyOf(journeys));
  }

  /** Whole, non-negative weights, each relative to the others under the same key. */
  private static Map<String, Integer> weights(ConfigReader reader, String key) {
    Map<String, Integer> weights = new LinkedHashMap<>();
    String expected = "expected a whole weight from 0 to 1000000, relative to the others of " + key;
    for (String name : reader.children(key).keySet()) {
      double weight = reader.number(key + "." + name, 0, 1_000_000, expected);
      if (weight != Math.rint(weight)) {
        throw ConfigError.of(key + "." + name, weight, expected);
      }
      weights.put(name, (int) weight);
    }
    return Map.copyOf(weights);
  }

  private static FaultWindow faultWindow(ConfigReader reader, String key) {
    String text = reader.string(key);
    try {
      return FaultWindow.parse(text);
    } catch (IllegalArgumentException e) {
      throw ConfigError.of(key, text, e.getMessage());
    }
  }

  private static TargetSettings embeddedTarget(ConfigReader reader) {
    String at = "embedded-target.";
    Faults faults = new Faults(
        reader.fraction(at + "faults.error-rate"),
        reader.number(at + "faults.latency-multiplier", Double.MIN_VALUE, 1000,
            "expected a multiplier above 0 and at most 1000 (1 = as configured; 0 would answer in no time)"),
        reader.duration(at + "faults.ttft-extra"),
        reader.fraction(at + "faults.stall-rate"),
        reader.duration(at + "faults.stall-duration"),
        reader.fraction(at + "faults.drop-rate"),
        reader.fraction(at + "faults.truncate-rate"),
        faultWindow(reader, at + "faults.window"), reader.growthPerMinute(at + "faults.latency-growth-per-minute"));
    long maxBody = reader.bytes(at + "max-body");
    if (maxBody > Integer.MAX_VALUE) {
      throw ConfigError.of(at + "max-body", maxBody, "expected a size up to 2GiB");
    }
    int slots = (int) reader.integer(at + "generation.slots", 1, 1_000_000);
    return new TargetSettings(
        TargetSettings.LOOPBACK_HOST,
        (int) reader.integer(at + "port", 0, 65535),
        reader.integer(at + "seed", Long.MIN_VALUE, Long.MAX_VALUE),
        orDefault(reader.string("target.api-key"), reader.string(at + "api-key")),
        orDefault(reader.string("target.user-password"), reader.string(at + "user-password")),
        reader.nonEmptyString("target.model", MODEL_EXPECTED),
        (int) maxBody,
        reader.positiveDuration(at + "rest.median"),
        atLeast(reader, at + "rest.p95", reader.positiveDuration(at + "rest.median"), at + "rest.median"),
        reader.positiveDuration(at + "ml.median"),
        atLeast(reader, at + "ml.p95", reader.positiveDuration(at + "ml.median"), at + "ml.median"),
        slots,
        (int) reader.integer(at + "generation.queue", 0, 10_000_000),
        reader.positiveDuration(at + "generation.retry-after"),
        reader.duration(at + "generation.prefill-base"),
        reader.duration(at + "generation.prefill-per-prompt-token"),
        reader.positiveDuration(at + "generation.token-interval"),
        reader.number(at + "generation.contention", 0, 100, "expected a factor between 0 and 100"),
        (int) reader.integer(at + "generation.default-max-tokens", 1, 4096),
        reader.fraction(at + "generation.min-output-fraction"),
        reader.duration(at + "voice.first-byte"),
        (int) reader.integer(at + "voice.bytes-per-second", 1, Integer.MAX_VALUE),
        (int) reader.integer(at + "voice.bytes-per-char", 1, 1_000_000),
        faults, reasoning(reader, at + "reasoning"),
        PrefixCacheReader.read(reader, at + "prefix-cache"),
        (int) reader.integer(at + "generation.chars-per-token", 1, 64));
  }

  /** Which models reason: each name maps to the delta field its reasoning streams in. */
  private static ReasoningSettings reasoning(ConfigReader reader, String key) {
    int tokens = (int) reader.integer(key + ".tokens", 0, 4096);
    Map<String, ReasoningSettings.Field> models = new LinkedHashMap<>();
    reader.children(key + ".models").forEach((model, value) -> {
      ReasoningSettings.Field field = ReasoningSettings.Field.named(String.valueOf(value.unwrapped()));
      if (field == null) {
        throw ConfigError.of(key + ".models.\"" + model + "\"", value.unwrapped(),
            "expected reasoning_content or reasoning (the delta field the model's reasoning streams in)");
      }
      models.put(model, field);
    });
    return new ReasoningSettings(tokens, models);
  }

  private static Duration atLeast(ConfigReader reader, String key, Duration floor, String floorKey) {
    Duration value = reader.positiveDuration(key);
    if (value.compareTo(floor) < 0) {
      throw ConfigError.of(key, value.toMillis() + "ms", "expected a duration of at least " + floorKey);
    }
    return value;
  }

  private static String orDefault(String value, String fallback) {
    return value.isBlank() ? fallback : value;
  }

  private static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
