package llmperf.ci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.NodeList;

/**
 * The GitHub Actions workflows in .github/workflows name only what this suite has: every simulation they run (in a
 * {@code -Dsimulation=}, a matrix, an input's default or options) is in the pom's {@code <simulation.names>}, every
 * {@code -Dkey} they pass is a known key, every scale is a scale of simulations.conf. And they keep the CI rules:
 * every job has timeout-minutes and sets up Java 17 (Temurin, Maven cache), artifacts upload with
 * {@code if: always()}, a simulation matrix does not fail fast, every job running a simulation publishes its
 * signoff-junit.xml as test results (if: always(), with checks: write), and no run script interpolates secrets or
 * free-text inputs (they go through env).
 */
class WorkflowsTest {

  private static final Path WORKFLOWS = Path.of(".github", "workflows");
  private static final List<String> EXPECTED = List.of("pull-request.yml", "nightly.yml", "weekly.yml",
      "release-signoff.yml");

  @Test
  void theFourWorkflowsExist() {
    for (String name : EXPECTED) {
      assertTrue(Files.isRegularFile(WORKFLOWS.resolve(name)), WORKFLOWS.resolve(name) + " is missing");
    }
  }

  @Test
  void everyWorkflowNamesOnlyTheSuitesSimulationsAndKeysAndKeepsTheCiRules() throws IOException {
    WorkflowChecker checker = WorkflowChecker.ofThisSuite();
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
    for (String name : List.of("nightly.yml", "weekly.yml", "release-signoff.yml")) {
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
      permissions:
        contents: read
        checks: write
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
            - if: always()
              uses: mikepenz/action-junit-report@v5
              with:
                report_paths: results/*/signoff-junit.xml
      """;

  @Test
  void aWorkflowThatKeepsEveryRuleHasNoProblem() {
    assertEquals(List.of(), WorkflowChecker.ofThisSuite().check("good.yml", GOOD));
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
  void catchesASimulationWhoseSignOffIsNotPublishedAsTestResults() {
    assertProblem(GOOD.replace("report_paths: results/*/signoff-junit.xml", "report_paths: target/surefire/*.xml"),
        "bad.yml: job 'run' runs a simulation but does not publish its signoff-junit.xml as test results");
    assertProblem(GOOD.replace("      - if: always()\n        uses: mikepenz", "      - uses: mikepenz"),
        "bad.yml: job 'run' publishes its test results only if: (default: success()): expected if: always()");
    assertProblem(GOOD.replace("  checks: write\n", ""),
        "bad.yml: job 'run' publishes test results without checks: write");
    assertProblem(GOOD.replace("    timeout-minutes: 30\n", "    timeout-minutes: 30\n    permissions:\n      contents: read\n"),
        "bad.yml: job 'run' publishes test results without checks: write");
    assertProblem(GOOD.replace("mikepenz/action-junit-report@v5", "mikepenz/action-junit-report@main"),
        "bad.yml: jobs.run.steps[6]: mikepenz/action-junit-report@main: expected mikepenz/action-junit-report@v5");
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
    List<String> problems = WorkflowChecker.ofThisSuite().check("bad.yml", yaml);
    assertTrue(problems.stream().anyMatch(problem -> problem.startsWith(expected)),
        "expected a problem starting with\n  " + expected + "\nbut got\n  " + String.join("\n  ", problems));
  }
}
