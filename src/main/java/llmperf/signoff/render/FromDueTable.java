package llmperf.signoff.render;

import static llmperf.signoff.analysis.Figures.decimal;
import static llmperf.signoff.render.Texts.count;

import java.util.List;
import llmperf.metrics.ScheduleTally.FromDue;
import llmperf.signoff.analysis.Summary;

/**
 * Each streaming journey's first reply timed from when its journey was due, beside the same replies timed from when
 * they left: a generator that sent late shows here, where the rows timed from the send hide it (coordinated
 * omission). On the page and in summary.md, only for an open-model run.
 */
final class FromDueTable {

  static final String TITLE = "From when it was due";
  static final String[] HEADERS = {"journey", "first replies", "TTFT p50", "TTFT p95", "TTFT from due p50",
      "TTFT from due p95", "end-to-end p50", "end-to-end p95", "end-to-end from due p50", "end-to-end from due p95"};
  static final String NOTE = "Times in ms. The first OK reply of each journey: as measured (from the request, as the"
      + " rows above) and from when the journey was due by the injection profile, i.e. plus its schedule delay (see"
      + " the load-generator table). A gap between the two is load the generator sent late.";

  private FromDueTable() {}

  static List<FromDue> journeys(Summary.Generator generator) {
    return generator.fromDue() == null ? List.of() : generator.fromDue();
  }

  static String[] cells(FromDue f) {
    return new String[] {f.journey(), count(f.replies()), decimal(f.ttftP50()), decimal(f.ttftP95()),
        decimal(f.ttftFromDueP50()), decimal(f.ttftFromDueP95()), decimal(f.endToEndP50()), decimal(f.endToEndP95()),
        decimal(f.endToEndFromDueP50()), decimal(f.endToEndFromDueP95())};
  }

  /** The table of the journeys given: each journey's section shows its own row. */
  static String table(List<FromDue> journeys) {
    Tables.Table table = new Tables.Table().text(HEADERS[0]).num(HEADERS[1])
        .group("TTFT (ms)", "p50", "p95", "from due p50", "from due p95")
        .group("end-to-end (ms)", "p50", "p95", "from due p50", "from due p95");
    journeys.forEach(f -> table.row(false, cells(f)));
    return table.html();
  }
}
