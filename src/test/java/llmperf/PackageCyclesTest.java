package llmperf;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The product's packages import one another in one direction only: a cycle ties packages that should change and be
 * understood apart. A package is a folder (llmperf.signoff and llmperf.signoff.render are two), and its edges are
 * its {@code import} and {@code import static} lines that name a class of another llmperf package.
 */
class PackageCyclesTest {

  private static final Path SOURCES = Path.of("src/main/java");
  private static final Pattern PACKAGE = Pattern.compile("^package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);
  private static final Pattern IMPORT =
      Pattern.compile("^import\\s+(static\\s+)?(llmperf\\.[\\w.]+?)(\\.\\*)?\\s*;", Pattern.MULTILINE);

  @Test
  void noPackageImportsItselfBackThroughAnother() {
    assertEquals(List.of(), cycles(importGraph(SOURCES)), "import cycles between packages of " + SOURCES);
  }

  /** Each package with the packages its files import from. */
  static Map<String, Set<String>> importGraph(Path sources) {
    Map<Path, String> packageOf = new HashMap<>();
    Map<Path, String> text = new HashMap<>();
    try (Stream<Path> files = Files.walk(sources)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
        String source = Files.readString(file);
        Matcher declared = PACKAGE.matcher(source);
        if (declared.find()) {
          packageOf.put(file, declared.group(1));
          text.put(file, source);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Set<String> packages = new TreeSet<>(packageOf.values());
    Map<String, Set<String>> graph = new TreeMap<>();
    packages.forEach(name -> graph.put(name, new TreeSet<>()));
    packageOf.forEach((file, from) -> {
      Matcher imported = IMPORT.matcher(text.get(file));
      while (imported.find()) {
        String to = owner(imported.group(2), imported.group(3) != null, packages);
        if (to != null && !to.equals(from)) {
          graph.get(from).add(to);
        }
      }
    });
    return graph;
  }

  /**
   * The package that holds an imported name: the longest known package that prefixes it, so that a nested type
   * (llmperf.signoff.analysis.Summary.Run) or a static member counts for the package of its class.
   */
  private static String owner(String name, boolean wildcard, Set<String> packages) {
    String candidate = wildcard ? name : name.substring(0, Math.max(0, name.lastIndexOf('.')));
    while (!candidate.isEmpty() && !packages.contains(candidate)) {
      int dot = candidate.lastIndexOf('.');
      candidate = dot < 0 ? "" : candidate.substring(0, dot);
    }
    return candidate.isEmpty() ? null : candidate;
  }

  /** One line per strongly connected group of packages, each a loop through it: "config -> budgets -> config". */
  static List<String> cycles(Map<String, Set<String>> graph) {
    List<String> cycles = new ArrayList<>();
    for (Set<String> component : new Tarjan(graph).components) {
      if (component.size() > 1) {
        cycles.add(loopThrough(component, graph));
      }
    }
    return cycles;
  }

  /** A walk from the group's first package along edges inside the group until a package repeats. */
  private static String loopThrough(Set<String> component, Map<String, Set<String>> graph) {
    List<String> path = new ArrayList<>();
    String at = component.iterator().next();
    while (!path.contains(at)) {
      path.add(at);
      at = graph.get(at).stream().filter(component::contains).findFirst().orElseThrow();
    }
    List<String> loop = new ArrayList<>(path.subList(path.indexOf(at), path.size()));
    loop.add(at);
    return String.join(" -> ", loop.stream().map(name -> name.replaceFirst("^llmperf\\.", "")).toList())
        + "   (group: " + component + ")";
  }

  /** Tarjan's strongly connected components. */
  private static final class Tarjan {

    private final Map<String, Set<String>> graph;
    private final Map<String, Integer> index = new HashMap<>();
    private final Map<String, Integer> low = new HashMap<>();
    private final List<String> stack = new ArrayList<>();
    private final List<Set<String>> components = new ArrayList<>();

    Tarjan(Map<String, Set<String>> graph) {
      this.graph = graph;
      graph.keySet().forEach(node -> {
        if (!index.containsKey(node)) {
          visit(node);
        }
      });
    }

    private void visit(String node) {
      index.put(node, index.size());
      low.put(node, index.get(node));
      stack.add(node);
      for (String next : graph.getOrDefault(node, Set.of())) {
        if (!index.containsKey(next)) {
          visit(next);
          low.put(node, Math.min(low.get(node), low.get(next)));
        } else if (stack.contains(next)) {
          low.put(node, Math.min(low.get(node), index.get(next)));
        }
      }
      if (low.get(node).equals(index.get(node))) {
        Set<String> component = new TreeSet<>();
        String member;
        do {
          member = stack.remove(stack.size() - 1);
          component.add(member);
        } while (!member.equals(node));
        components.add(component);
      }
    }
  }
}
