package llmperf.ci;

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
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import llmperf.support.CommandLineProperties;
import llmperf.support.SuiteSimulations;

/** Checks one workflow's text against the suite: the pom's simulations, simulations.conf's keys and scales. */
record WorkflowChecker(Set<String> simulations, Config settings, Set<String> scales) {

  /** -D keys that are not in simulations.conf but that the suite or its tools read. */
  private static final List<String> EXTRA_KEYS = List.of("simulation", "scale", "target.allow-remote-heavy-load");
  private static final List<String> TOOL_PREFIXES = List.of("gatling.", "exec.", "maven.");
  /** What a run script must not interpolate: secrets leak into the script, free text can inject commands. */
  private static final List<String> UNSAFE_IN_SCRIPTS = List.of("secrets.", "inputs.", "github.event.");
  /** The action that publishes the sign-off's signoff-junit.xml as the job's test results. */
  static final String JUNIT_REPORT = "mikepenz/action-junit-report";
  private static final Map<String, String> PINNED = Map.of(
      "actions/checkout", "v4", "actions/setup-java", "v4", "actions/upload-artifact", "v4", JUNIT_REPORT, "v5");
  /** An if: that runs whatever the earlier steps did (not negated, not part of another name). */
  private static final Pattern ALWAYS = Pattern.compile("(?<![!\\w])always\\(\\)");
  private static final ObjectMapper YAML = YAMLMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  static WorkflowChecker ofThisSuite() {
    Config settings = ConfigFactory.parseFile(new File("simulations.conf"));
    return new WorkflowChecker(new LinkedHashSet<>(SuiteSimulations.names()), settings,
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
    jobs.fields().forEachRemaining(job -> {
      checkJob(file, job.getKey(), job.getValue(), problems);
      checkTestResults(file, job.getKey(), job.getValue(), workflow.path("permissions"), problems);
    });
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
        if (!ALWAYS.matcher(condition).find()) {
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

  /**
   * A job that runs a simulation publishes its sign-off as test results: a step of {@link #JUNIT_REPORT} reading
   * signoff-junit.xml, run if: always() (a failed run's verdicts are the ones to see), with checks: write granted to
   * the job or the workflow (the action creates a check run).
   */
  private static void checkTestResults(String file, String id, JsonNode job, JsonNode workflowPermissions,
      Set<String> problems) {
    boolean simulation = false;
    JsonNode report = null;
    for (JsonNode step : job.path("steps")) {
      simulation |= step.path("run").asText("").contains("gatling:test");
      if (step.path("uses").asText("").startsWith(JUNIT_REPORT + "@")) {
        report = step;
      }
    }
    if (!simulation) {
      return;
    }
    if (report == null || !report.path("with").path("report_paths").asText("").contains("signoff-junit.xml")) {
      problems.add(file + ": job '" + id + "' runs a simulation but does not publish its signoff-junit.xml as test"
          + " results (" + JUNIT_REPORT + "@" + PINNED.get(JUNIT_REPORT) + " with report_paths naming it)");
      return;
    }
    String condition = report.path("if").asText("(default: success())");
    if (!ALWAYS.matcher(condition).find()) {
      problems.add(file + ": job '" + id + "' publishes its test results only if: " + condition
          + ": expected if: always(), so that a failed run's verdicts are published too");
    }
    if (!grantsChecksWrite(job.path("permissions")) && (job.has("permissions")
        || !grantsChecksWrite(workflowPermissions))) {
      problems.add(file + ": job '" + id + "' publishes test results without checks: write (the action creates a"
          + " check run)");
    }
  }

  private static boolean grantsChecksWrite(JsonNode permissions) {
    return permissions.asText("").equals("write-all") || permissions.path("checks").asText("").equals("write");
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
    for (CommandLineProperties.Property property : CommandLineProperties.in(text)) {
      String key = property.key();
      String value = property.value();
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

}
