package llmperf.signoff.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FiguresTest {

  @Test
  void theFormatsReadTheSameOnEveryMachine() {
    assertEquals("0.42", Figures.decimal(0.4249));
    assertEquals("1500", Figures.decimal(1500.0));
    assertEquals("n/a", Figures.decimal(Double.POSITIVE_INFINITY));
    assertEquals("+17.78 %", Figures.signedPercent(17.777));
    assertEquals("850 ms", Figures.duration(850));
    assertEquals("42.5 s", Figures.duration(42_460));
    assertEquals("2 h 0 min 5 s", Figures.duration(7_205_000));
    assertEquals("30 min", Figures.duration(1_800_000));
  }
}
