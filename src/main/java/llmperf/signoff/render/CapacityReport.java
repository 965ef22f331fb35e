package llmperf.signoff.render;

import static llmperf.signoff.analysis.Figures.decimal;
import static llmperf.signoff.render.Texts.esc;
import static llmperf.signoff.render.Texts.verdictWord;

import java.nio.file.Path;
import java.util.List;
import llmperf.signoff.analysis.CapacitySearch;
import llmperf.signoff.render.Frame.Axis;

/** The Capacity search on the sign-off: its answer in one sentence, the probes charted in the order they ran, a table. */
final class CapacityReport {

  private static final int WIDTH = 1000;
  private static final int HEIGHT = 200;

  private CapacityReport() {}

  /**
   * "Max rate at budget: 5.5 users/s (9.2 requests/s, 610 output tokens/s), limited by budgets.story.ttft.p95 on
   * 6 users/s / story / ttft: 812 ms (limit 500 ms). 5 probes; ...": the failed budgets name the probe's rate.
   */
  static String sentence(CapacitySearch search) {
    String probes = search.probes().size() + (search.probes().size() == 1 ? " probe" : " probes")
        + "; the search stopped as " + search.stoppedBy() + ".";
    if (!search.found()) {
      CapacitySearch.Probe lowest = search.aboveCapacity();
      return "No rate met every budget" + (lowest == null ? "" : ": at " + rate(lowest.ratePerSec()) + " "
          + lowest.failedInShort()) + "; " + probes;
    }
    CapacitySearch.Probe at = search.atCapacity();
    CapacitySearch.Probe above = search.aboveCapacity();
    String limited = above == null ? "not limited up to it"
        : "limited by " + above.failedInShort();
    return "Max rate at budget: " + rate(search.maxRatePerSec()) + " (" + decimal(at.requestsPerSec())
        + " requests/s, " + decimal(at.outputTokensPerSec()) + " output tokens/s), " + limited + ". " + probes;
  }

  static String html(CapacitySearch search) {
    StringBuilder html = new StringBuilder("<div class=\"phase\"><h3>Capacity <span class=\"badge ")
        .append(search.found() ? "pass" : "fail").append("\">").append(esc(headline(search)))
        .append("</span></h3><p>").append(esc(sentence(search))).append("</p>")
        .append("<p>This run then held that rate; its budgets below are judged as any steady run's.</p>")
        .append("<figure><figcaption>Probes <span>in the order they ran: held (green) or broke (red); the dashed"
            + " line is the max rate at budget</span></figcaption>").append(chart(search)).append("</figure>");
    Tables.Table table = new Tables.Table().num("probe").num("rate (users/s)").num("requests/s")
        .num("output tokens/s").num("error %").text("failed budgets").text("run folder").flag("result");
    for (int i = 0; i < search.probes().size(); i++) {
      CapacitySearch.Probe probe = search.probes().get(i);
      table.row(!probe.held(), String.valueOf(i + 1), decimal(probe.ratePerSec()), decimal(probe.requestsPerSec()),
          decimal(probe.outputTokensPerSec()), decimal(probe.errorPercent()),
          String.join("; ", probe.failedBudgets()), shortFolder(probe.runFolder()), verdictWord(probe.held()));
    }
    return html.append(table.html()).append("</div>\n").toString();
  }

  /** The answer in a few words: "5.5 users/s", or "none". */
  static String headline(CapacitySearch search) {
    return search.found() ? rate(search.maxRatePerSec()) : "none";
  }

  /** The phase card's text: the sentence, then every probe's rate and outcome in the order they ran. */
  static String sentenceWithProbes(CapacitySearch search) {
    StringBuilder line = new StringBuilder(sentence(search)).append(" Probes:");
    search.probes().forEach(probe -> line.append(' ').append(decimal(probe.ratePerSec()))
        .append(probe.held() ? " held," : " broke,"));
    line.setLength(line.length() - 1);
    return line.append('.').toString();
  }

  private static String chart(CapacitySearch search) {
    List<CapacitySearch.Probe> probes = search.probes();
    double top = probes.stream().mapToDouble(CapacitySearch.Probe::ratePerSec).max().orElse(1);
    Frame frame = new Frame(WIDTH, HEIGHT, 50, 24, 16, 36, Axis.upTo(probes.size() + 1), Axis.upTo(top * 1.15));
    Svg svg = new Svg(WIDTH, HEIGHT);
    svg.axes(frame, "users/s", "probe");
    if (search.found()) {
      double y = frame.py(search.maxRatePerSec());
      svg.line(frame.left(), y, frame.plotRight(), y, "guide");
    }
    for (int i = 0; i < probes.size(); i++) {
      CapacitySearch.Probe probe = probes.get(i);
      double x = frame.px(i + 1);
      double y = frame.py(probe.ratePerSec());
      svg.circle(x, y, 5, probe.held() ? "held" : "broke");
      svg.text(x, y - 9, "middle", "label", decimal(probe.ratePerSec()));
    }
    return svg.close();
  }

  /** The probe's folder under the results folder: capacity-probes-&lt;time&gt;/capacityprobe-&lt;time&gt;. */
  private static String shortFolder(String runFolder) {
    if (runFolder == null) {
      return "none";
    }
    Path folder = Path.of(runFolder);
    int names = folder.getNameCount();
    return names < 2 ? runFolder : folder.subpath(names - 2, names).toString();
  }

  private static String rate(double usersPerSec) {
    return decimal(usersPerSec) + " users/s";
  }
}
