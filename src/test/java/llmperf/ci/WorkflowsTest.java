package llmperf.ci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueType;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import llmperf.support.SuiteSimulations;
import org.junit.jupiter.api.Test;
import org.w3c.dom.NodeList;

/**
 * The GitHub Actions workflows in .github/workflows name only what this suite has: every simulation they run (in a
 * {@code -Dsimulation=}, a matrix, an input's default or options) is in the pom's {@code <simulation.names>}, every
 * {@code -Dkey} they pass is a known key, every scale is a scale of simulations.conf. And they keep the CI rules:
 * every job has timeout-minutes and sets up Java 17 (Temurin, Maven cache), artifacts upload with
 * {@code if: always()}, a simulation matrix does not fail fast, and no run script interpolates secrets or free-text
 * inputs (they go through env).
 */
class WorkflowsTest {

  private static final Path WORKFLOWS = Path.of(".github", "workflows");
  private static final List<String> EXPECTED = List.of("pull-request.yml", "nightly.yml", "release-signoff.yml");

  @Test
  void theThreeWorkflowsExist() {
    for (String name : EXPECTED) {
      assertTrue(Files.isRegularFile(WORKFLOWS.resolve(name)), WORKFLOWS.resolve(name) + " is missing");
    }
  }

  @Test
  void everyWorkflowNamesOnlyTheSuitesSimulationsAndKeysAndKeepsTheCiRules() throws IOException {
    Checker checker = Checker.ofThisSuite();
    List<String> problems = new ArrayList<>();
    List<Path> files = workflowFiles();
    assertFalse(files.isEmpty(), "no workflow in " + WORKFLOWS);
    for (Path file : files) {
      problems.addAll(checker.check(file.getFileName().toString(), Files.readString(file)));
    }
    assertTrue(problems.isEmpty(), problems.size() + " problem(s) in " + WORKFLOWS + ":\n  "
        + String.join("\n  ", problems));
  }

  @Test
  void onlyTheHeavyWorkflowsConfirmRemoteHeavyLoad() throws IOException {
    String flag = "-Dtarget.allow-remote-heavy-load=true";
    assertFalse(Files.readString(WORKFLOWS.resolve("pull-request.yml")).contains(flag),
        "pull-request.yml must never confirm heavy load on a remote target");
    for (String name : List.of("nightly.yml", "release-signoff.yml")) {
      String text = Files.readString(WORKFLOWS.resolve(name));
      assertTrue(text.contains(flag), name + " should pass " + flag + " when a target URL is set");
      assertTrue(text.contains("if [ -n \"${LLM_TARGET_BASE_URL"), name + " should pass " + flag
          + " only when LLM_TARGET_BASE_URL is set");
    }
  }

  /**
   * The baseline command (README: {@code exec:java -Dexec.mainClass=llmperf.signoff.SignOffCommand}) runs that class
   * only if the pom leaves exec-maven-plugin's mainClass to the property: a {@code <mainClass>} in the plugin's own
   * configuration wins over -D, and the command would start the embedded target instead and never end.
   */
  @Test
  void theMainClassTheWorkflowsPassIsTheOneThatRuns() throws Exception {
    boolean passed = false;
    for (Path file : workflowFiles()) {
      passed |= Files.readString(file).contains("-Dexec.mainClass=");
    }
    if (!passed) {
      return;
    }
    NodeList hardCoded = (NodeList) XPathFactory.newInstance().newXPath().evaluate(
        "/project/build/plugins/plugin[artifactId='exec-maven-plugin']/configuration/mainClass",
        DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new File("pom.xml")), XPathConstants.NODESET);
    assertEquals(0, hardCoded.getLength(), "the workflows pass -Dexec.mainClass, but pom.xml sets exec-maven-plugin's"
        + " <mainClass>" + (hardCoded.getLength() > 0 ? hardCoded.item(0).getTextContent() : "") + "</mainClass> in"
        + " the plugin's configuration, which wins over -D: set it as the property <exec.mainClass> instead");
  }

  private static List<Path> workflowFiles() throws IOException {
    try (Stream<Path> files = Files.list(WORKFLOWS)) {
      return files.filter(f -> f.toString().endsWith(".yml") || f.toString().endsWith(".yaml")).sorted().toList();
    }
  }

  // ---- the checker catches mistakes

  /** A small workflow that keeps every rule; each test below breaks one thing in it. */
  private static final String GOOD = """
      name: example
      on:
        workflow_dispatch:
          inputs:
            simulations:
              type: string
              default: Steady,Spike
            scale:
              type: choice
              options: [nightly, release]
              default: nightly
      jobs:
        run:
          runs-on: ubuntu-latest
          timeout-minutes: 30
          strategy:
            fail-fast: false
            matrix:
              simulation: [Steady, Soak]
          env:
            TARGET: ${{ inputs.target }}
          steps:
            - uses: actions/checkout@v4
            - uses: actions/setup-java@v4
              with:
                distribution: temurin
                java-version: '17'
                cache: maven
            - run: mvn -B -ntp gatling:test -Dsimulation=${{ matrix.simulation }} -Dscale=nightly -Dbudgets.chat.ttft.p95=400ms
            - run: mvn -B -ntp gatling:test -Dsimulation=Smoke -Dgatling.core.encoding=utf-8 -Dtarget.allow-remote-heavy-load=true
            - run: mvn -q compile exec:java -Dexec.mainClass=llmperf.signoff.SignOffCommand -Dexec.args="history Steady"
            - if: always()
              uses: actions/upload-artifact@v4
              with:
                name: results
                path: results/
      """;

  @Test
  void aWorkflowThatKeepsEveryRuleHasNoProblem() {
    assertEquals(List.of(), Checker.ofThisSuite().check("good.yml", GOOD));
  }

  @Test
  void catchesAnUnknownSimulationInAMatrix() {
    assertProblem(GOOD.replace("simulation: [Steady, Soak]", "simulation: [Steady, Sook]"),
        "bad.yml: jobs.run.strategy.matrix.simulation: \"Sook\" is not a simulation of this suite");
  }

  @Test
  void catchesAnUnknownSimulationInARunCommand() {
    assertProblem(GOOD.replace("-Dsimulation=Smoke", "-Dsimulation=Smok"),
        "bad.yml: jobs.run.steps[3].run: -Dsimulation=Smok: \"Smok\" is not a simulation of this suite");
  }

  @Test
  void catchesAnUnknownSimulationInAnInputDefault() {
    assertProblem(GOOD.replace("default: Steady,Spike", "default: Steady, Spikes"),
        "bad.yml: on.workflow_dispatch.inputs.simulations.default: \"Spikes\" is not a simulation of this suite");
  }

  @Test
  void catchesAnUnknownKey() {
    assertProblem(GOOD.replace("-Dbudgets.chat.ttft.p95=400ms", "-Dbudgets.chat.ttft.p96=400ms"),
        "bad.yml: jobs.run.steps[2].run: -Dbudgets.chat.ttft.p96 is not a known key");
    assertProblem(GOOD.replace("-Dscale=nightly", "-Dscael=nightly"),
        "bad.yml: jobs.run.steps[2].run: -Dscael is not a known key");
    // A group of settings is not a key: -Dscales=nightly would replace every profile with a string.
    assertProblem(GOOD.replace("-Dscale=nightly", "-Dscales=nightly"),
        "bad.yml: jobs.run.steps[2].run: -Dscales is not a known key");
  }

  @Test
  void catchesAnUnknownScale() {
    assertProblem(GOOD.replace("-Dscale=nightly", "-Dscale=nighty"),
        "bad.yml: jobs.run.steps[2].run: -Dscale=nighty: \"nighty\" is not a scale of simulations.conf");
    assertProblem(GOOD.replace("options: [nightly, release]", "options: [nightly, relase]"),
        "bad.yml: on.workflow_dispatch.inputs.scale.options: \"relase\" is not a scale of simulations.conf");
  }

  @Test
  void catchesAJobWithoutTimeout() {
    assertProblem(GOOD.replace("    timeout-minutes: 30\n", ""), "bad.yml: job 'run' has no timeout-minutes");
  }

  @Test
  void catchesAnUploadThatDoesNotAlwaysRun() {
    assertProblem(GOOD.replace("if: always()", "if: success()"),
        "bad.yml: jobs.run.steps[5] (actions/upload-artifact@v4) runs only if: success(): expected if: always()");
    assertProblem(GOOD.replace("- if: always()\n        uses", "- uses"),
        "bad.yml: jobs.run.steps[5] (actions/upload-artifact@v4) runs only if: (default: success()): expected if: always()");
  }

  @Test
  void catchesAMatrixThatFailsFast() {
    assertProblem(GOOD.replace("      fail-fast: false\n", ""),
        "bad.yml: job 'run' runs a matrix of simulations without fail-fast: false");
  }

  @Test
  void catchesAJobWithoutJava17Temurin() {
    assertProblem(GOOD.replace("distribution: temurin", "distribution: zulu"),
        "bad.yml: job 'run' does not set up Java 17 Temurin with the Maven cache");
    assertProblem(GOOD.replace("actions/checkout@v4", "actions/checkout@v3"),
        "bad.yml: jobs.run.steps[0]: actions/checkout@v3: expected actions/checkout@v4");
  }

  @Test
  void catchesSecretsAndInputsInterpolatedIntoAScript() {
    assertProblem(GOOD.replace("history Steady\"", "history Steady\" ${{ secrets.LLM_API_KEY }}"),
        "bad.yml: jobs.run.steps[4].run: interpolates ${{ secrets.");
    assertProblem(GOOD.replace("-Dscale=nightly", "-Dscale=${{ inputs.scale }}"),
        "bad.yml: jobs.run.steps[2].run: interpolates ${{ inputs.");
  }

  @Test
  void catchesWhatIsNotYaml() {
    assertProblem("jobs:\n  run:\n    steps: [\n", "bad.yml: not valid YAML");
    assertProblem(GOOD.replace("    timeout-minutes: 30\n", "    timeout-minutes: 30\n    timeout-minutes: 40\n"),
        "bad.yml: not valid YAML: Duplicate field 'timeout-minutes'");
  }

  private static void assertProblem(String yaml, String expected) {
    List<String> problems = Checker.ofThisSuite().check("bad.yml", yaml);
    assertTrue(problems.stream().anyMatch(problem -> problem.startsWith(expected)),
        "expected a problem starting with\n  " + expected + "\nbut got\n  " + String.join("\n  ", problems));
  }

  /** Checks one workflow's text against the suite: the pom's simulations, simulations.conf's keys and scales. */
  record Checker(Set<String> simulations, Config settings, Set<String> scales) {

    /** -D keys that are not in simulations.conf but that the suite or its tools read. */
    private static final List<String> EXTRA_KEYS = List.of("simulation", "scale", "target.allow-remote-heavy-load");
    private static final List<String> TOOL_PREFIXES = List.of("gatling.", "exec.", "maven.");
    /** -Dkey or -Dkey=value, not inside a word (e.g. not the -D of --Dx or a-Db). */
    private static final Pattern PROPERTY = Pattern.compile(
        "(?<![\\w-])-D([A-Za-z_][\\w.-]*)(?:=(\"[^\"]*\"|'[^']*'|[^\\s\"')]*))?");
    /** What a run script must not interpolate: secrets leak into the script, free text can inject commands. */
    private static final List<String> UNSAFE_IN_SCRIPTS = List.of("secrets.", "inputs.", "github.event.");
    private static final Map<String, String> PINNED = Map.of(
        "actions/checkout", "v4", "actions/setup-java", "v4", "actions/upload-artifact", "v4");
    private static final ObjectMapper YAML = YAMLMapper.builder()
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    static Checker ofThisSuite() {
      Config settings = ConfigFactory.parseFile(new File("simulations.conf"));
      return new Checker(new LinkedHashSet<>(SuiteSimulations.names()), settings,
          new TreeSet<>(settings.getObject("scales").keySet()));
    }

    List<String> check(String file, String text) {
      JsonNode workflow;
      try {
        workflow = YAML.readTree(text);
      } catch (IOException e) {
        return List.of(file + ": not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
      }
      if (workflow == null || !workflow.isObject()) {
        return List.of(file + ": not valid YAML: expected a mapping with on: and jobs:");
      }
      Set<String> problems = new LinkedHashSet<>();
      if (!workflow.has("on") && !workflow.has("true")) {
        problems.add(file + ": no on: (the events that start the workflow)");
      }
      JsonNode jobs = workflow.path("jobs");
      if (!jobs.isObject() || jobs.isEmpty()) {
        problems.add(file + ": no jobs:");
      }
      jobs.fields().forEachRemaining(job -> checkJob(file, job.getKey(), job.getValue(), problems));
      walk(file, "", workflow, problems);
      return List.copyOf(problems);
    }

    private void checkJob(String file, String id, JsonNode job, Set<String> problems) {
      JsonNode timeout = job.path("timeout-minutes");
      boolean expression = timeout.isTextual() && timeout.asText().startsWith("${{");
      if (!expression && !(timeout.isNumber() && timeout.asDouble() > 0)) {
        problems.add(file + ": job '" + id + "' has "
            + (timeout.isMissingNode() ? "no timeout-minutes" : "timeout-minutes: " + timeout.asText()
            + ": expected a number of minutes above 0"));
      }
      JsonNode matrix = job.path("strategy").path("matrix");
      if (!matrix.isMissingNode() && mentionsSimulations(matrix)
          && !job.path("strategy").path("fail-fast").asText().equals("false")) {
        problems.add(file + ": job '" + id + "' runs a matrix of simulations without fail-fast: false"
            + " (a failed budget would cancel the other simulations)");
      }
      boolean checkout = false;
      boolean java = false;
      JsonNode steps = job.path("steps");
      for (int i = 0; i < steps.size(); i++) {
        JsonNode step = steps.get(i);
        String at = "jobs." + id + ".steps[" + i + "]";
        String uses = step.path("uses").asText("");
        String action = uses.contains("@") ? uses.substring(0, uses.indexOf('@')) : uses;
        String version = uses.contains("@") ? uses.substring(uses.indexOf('@') + 1) : "";
        if (PINNED.containsKey(action) && !PINNED.get(action).equals(version)) {
          problems.add(file + ": " + at + ": " + uses + ": expected " + action + "@" + PINNED.get(action));
        }
        checkout |= uses.equals("actions/checkout@v4");
        JsonNode with = step.path("with");
        java |= uses.equals("actions/setup-java@v4") && with.path("distribution").asText().equals("temurin")
            && with.path("java-version").asText().equals("17") && with.path("cache").asText().equals("maven");
        if (action.equals("actions/upload-artifact")) {
          String condition = step.path("if").asText("(default: success())");
          if (!Pattern.compile("(?<![!\\w])always\\(\\)").matcher(condition).find()) {
            problems.add(file + ": " + at + " (" + uses + ") runs only if: " + condition
                + ": expected if: always(), so that a failed run's report is uploaded too");
          }
        }
        String run = step.path("run").asText("");
        for (String unsafe : UNSAFE_IN_SCRIPTS) {
          if (Pattern.compile("\\$\\{\\{[^}]*\\b" + Pattern.quote(unsafe)).matcher(run).find()) {
            problems.add(file + ": " + at + ".run: interpolates ${{ " + unsafe
                + "... }} into the script: pass it through env: and use the variable");
          }
        }
      }
      if (!checkout) {
        problems.add(file + ": job '" + id + "' does not check out the repository (actions/checkout@v4)");
      }
      if (!java) {
        problems.add(file + ": job '" + id + "' does not set up Java 17 Temurin with the Maven cache"
            + " (actions/setup-java@v4 with distribution: temurin, java-version: 17, cache: maven)");
      }
    }

    private static boolean mentionsSimulations(JsonNode matrix) {
      if (matrix.isTextual()) {
        return matrix.asText().toLowerCase().contains("simulation");
      }
      Iterator<String> names = matrix.fieldNames();
      while (names.hasNext()) {
        if (names.next().toLowerCase().startsWith("simulation")) {
          return true;
        }
      }
      return false;
    }

    /**
     * Every value of the workflow: -D properties in any string; and the values of any field named simulation(s)
     * or scale (a matrix axis, an env variable, an input's default and options).
     */
    private void walk(String file, String at, JsonNode node, Set<String> problems) {
      if (node.isTextual()) {
        properties(file, at, node.asText(), problems);
      } else if (node.isArray()) {
        for (int i = 0; i < node.size(); i++) {
          walk(file, at + "[" + i + "]", node.get(i), problems);
        }
      } else if (node.isObject()) {
        node.fields().forEachRemaining(field -> {
          String path = at.isEmpty() ? field.getKey() : at + "." + field.getKey();
          String name = field.getKey().toLowerCase();
          if (name.equals("simulation") || name.equals("simulations")) {
            values(path, field.getValue()).forEach((where, value) -> simulation(file, where, value, problems));
          } else if (name.equals("scale") || name.equals("llm_scale")) {
            values(path, field.getValue()).forEach((where, value) -> scale(file, where, value, problems));
          }
          walk(file, path, field.getValue(), problems);
        });
      }
    }

    /** The literal names a field gives: a comma-separated string, a list, or an input's default and options. */
    private static Map<String, List<String>> values(String path, JsonNode value) {
      Map<String, List<String>> values = new java.util.LinkedHashMap<>();
      if (value.isTextual()) {
        values.put(path, split(value.asText()));
      } else if (value.isArray()) {
        List<String> items = new ArrayList<>();
        value.forEach(item -> {
          if (item.isValueNode()) {
            items.addAll(split(item.asText()));
          }
        });
        values.put(path, items);
      } else if (value.isObject()) {
        values.putAll(values(path + ".default", value.path("default")));
        values.putAll(values(path + ".options", value.path("options")));
      }
      values.replaceAll((where, items) -> items.stream().filter(item -> !item.contains("$")).toList());
      return values;
    }

    private static List<String> split(String text) {
      return Stream.of(text.split(",")).map(String::strip).filter(item -> !item.isEmpty()).toList();
    }

    private void properties(String file, String at, String text, Set<String> problems) {
      Matcher property = PROPERTY.matcher(text);
      while (property.find()) {
        String key = property.group(1);
        String value = property.group(2) == null ? null : unquote(property.group(2));
        if (!knownKey(key)) {
          problems.add(file + ": " + at + ": -D" + key + " is not a known key (not a setting in simulations.conf, nor "
              + String.join(", ", EXTRA_KEYS) + ", nor under " + String.join(" ", TOOL_PREFIXES) + ")");
        } else if (value != null && !value.contains("$")) {
          String where = at + ": -D" + key + "=" + value;
          if (key.equals("simulation")) {
            if (!value.equals("*")) {
              simulation(file, where, List.of(value), problems);
            }
          } else if (key.equals("scale")) {
            scale(file, where, List.of(value), problems);
          }
        }
      }
    }

    private boolean knownKey(String key) {
      if (EXTRA_KEYS.contains(key) || TOOL_PREFIXES.stream().anyMatch(key::startsWith)) {
        return true;
      }
      try {
        return settings.hasPath(key) && settings.getValue(key).valueType() != ConfigValueType.OBJECT;
      } catch (ConfigException.BadPath e) {
        return false;
      }
    }

    private void simulation(String file, String where, List<String> names, Set<String> problems) {
      for (String name : names) {
        if (!simulations.contains(name)) {
          problems.add(file + ": " + where + ": \"" + name + "\" is not a simulation of this suite (pom.xml"
              + " <simulation.names>: " + String.join("|", simulations) + ")");
        }
      }
    }

    private void scale(String file, String where, List<String> names, Set<String> problems) {
      for (String name : names) {
        if (!scales.contains(name)) {
          problems.add(file + ": " + where + ": \"" + name + "\" is not a scale of simulations.conf ("
              + scales.stream().collect(Collectors.joining(", ")) + ")");
        }
      }
    }

    private static String unquote(String value) {
      boolean quoted = value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
          || value.startsWith("'") && value.endsWith("'"));
      return quoted ? value.substring(1, value.length() - 1) : value;
    }
  }
}
