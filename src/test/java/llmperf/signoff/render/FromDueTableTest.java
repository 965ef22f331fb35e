package llmperf.signoff.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import llmperf.metrics.ScheduleTally;
import llmperf.signoff.analysis.Summary;
import llmperf.signoff.analysis.Summary.Generator;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/** The replies timed from when they were due show only for an open-model run; the generator table says "-" otherwise. */
class FromDueTableTest {

  private static final Generator CLOSED = SignOffPageTest.GENERATOR;
  private static final Generator OPEN = new Generator(0.05, 0.4, 3.2, 0.42, 0.9, 2, 120, 0.8, 180, 1_048_576, true,
      "figures reliable", 0.2, 1.5, 4.25, 20.0, 19.9, 99.5, 95.0,
      List.of(new ScheduleTally.Window(0, 1000, 20, 19)),
      List.of(new ScheduleTally.FromDue("story", 130, 84, 90, 84.2, 91.5, 1200, 1900, 1200.5, 1903)));

  @Test
  void anOpenModelRunShowsItsFirstRepliesFromWhenTheyWereDue() throws Exception {
    Document page = SignOffPageTest.parse(SignOffPage.render(withGenerator(OPEN)));
    String story = SignOffPageTest.text(page, "//section[h2='Journey: story']");
    assertTrue(story.contains(FromDueTable.TITLE) && story.contains("91.5") && story.contains("1903"), story);
    String generator = Tables.generator(OPEN, List.of());
    assertTrue(generator.contains("schedule delay (ms)") && generator.contains("4.25") && generator.contains("19.9"),
        generator);
  }

  @Test
  void aClosedModelRunHasNoSuchTableAndNoScheduleFigures() {
    assertFalse(SignOffPage.render(withGenerator(CLOSED)).contains(FromDueTable.TITLE));
    String[] cells = Tables.generatorCells(CLOSED);
    assertEquals(List.of("-", "-", "-", "-", "-", "-"), List.of(cells).subList(cells.length - 6, cells.length));
  }

  private static Summary withGenerator(Generator generator) {
    Summary s = SignOffPageTest.sample();
    return new Summary(s.run(), s.passed(), s.reasons(), s.budgets(), s.rows(), s.streaming(), s.audio(), s.baseline(),
        s.windows(), s.phases(), generator, s.errors(), s.resources(), s.conversations());
  }
}
