package org.bpttbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class MathTest {

  @Test
  void medianIntervalFromOrderStatistics() {
    // n = 6: P(B(6, 1/2) <= 0) = 1/64 <= 2.5 %, P(<= 1) = 7/64 > 2.5 % -> [x(1), x(6)], 96.9 %
    Estimate e = Estimate.median(new double[] {5, 1, 4, 2, 6, 3});
    assertEquals(3.5, e.value(), 1e-12);
    assertEquals(1, e.lo(), 1e-12);
    assertEquals(6, e.hi(), 1e-12);
    assertEquals(1 - 2.0 / 64, e.coverage(), 1e-12);
    // n = 20: k = 6 (P(B <= 5) = 2.07 %, P(B <= 6) = 5.77 %) -> [x(6), x(15)]
    double[] xs = new double[20];
    for (int i = 0; i < 20; i++) {
      xs[i] = 100 + i;
    }
    Estimate m = Estimate.median(xs);
    assertEquals(105, m.lo(), 1e-12);
    assertEquals(114, m.hi(), 1e-12);
    assertTrue(m.coverage() >= 0.95, "coverage " + m.coverage());
    Estimate three = Estimate.median(new double[] {10, 11, 12});
    assertEquals(0.75, three.coverage(), 1e-12, "[min, max] of 3 covers 75 %");
    assertFalse(Estimate.median(new double[] {7}).known(), "no interval from one value");
  }

  @Test
  void ratioTakesBoundsFromBothSidesAndIsNeverInfinite() {
    Estimate scalar = new Estimate(100, 90, 110, 6, 0.97);
    Estimate simd = new Estimate(25, 20, 30, 6, 0.97);
    Estimate r = Estimate.ratio(scalar, simd);
    assertEquals(4.0, r.value(), 1e-12);
    assertEquals(90.0 / 30.0, r.lo(), 1e-12);
    assertEquals(110.0 / 20.0, r.hi(), 1e-12);
    assertTrue(r.noisy(), "5.5/4 reaches +37 %");
    assertTrue(r.format("×").startsWith("4.000× (noisy, ±38 %)"), r.format("×"));
    Estimate tight = Estimate.ratio(new Estimate(100, 99, 101, 6, 0.97),
        new Estimate(25, 24.5, 25.5, 6, 0.97));
    assertFalse(tight.noisy());
    assertEquals("4.000× [3.882–4.122]", tight.format("×"));
    // JMH's error swallowing the score: no interval, never "inf" or "0–"
    Estimate swallowed = Estimate.fromError(5, 6);
    assertFalse(swallowed.known());
    String s = Estimate.ratio(new Estimate(100, 90, 110, 6, 0.97), swallowed).format("×");
    assertEquals("20.00× (no interval)", s);
    assertFalse(s.contains("inf"));
  }

  @Test
  void inverseSwapsBoundsForRates() {
    Estimate t = new Estimate(4, 2, 8, 6, 0.97).inverse().times(8);
    assertEquals(2, t.value(), 1e-12);
    assertEquals(1, t.lo(), 1e-12);
    assertEquals(4, t.hi(), 1e-12);
  }

  @Test
  void exponentIntervalBootstrapsTheIterations() {
    double[] t = {16, 64, 256};
    List<double[]> raw = List.of(new double[] {160, 161, 159, 160, 162, 158},
        new double[] {640, 644, 636, 641, 639, 640}, new double[] {2560, 2570, 2550, 2561, 2559,
            2560});
    Estimate k = PowerFit.exponentInterval(t, raw).orElseThrow();
    assertEquals(1.0, k.value(), 1e-3);
    assertTrue(k.lo() < 1 && k.hi() > 1 && k.hi() - k.lo() < 0.02, k.format());
    assertEquals("yes", BpttSection.linear(k));
    assertEquals("super-linear", BpttSection.linear(new Estimate(1.5, 1.4, 1.6, 6, 0.95)));
  }

  @Test
  void exponentFitOnLinearDataIsOneWithPerfectR2() {
    double[] t = {16, 32, 64, 128, 256, 512};
    double[] y = new double[t.length];
    for (int i = 0; i < t.length; i++) {
      y[i] = 1234.5 * t[i];
    }
    PowerFit f = PowerFit.fit(t, y).orElseThrow();
    assertEquals(1.0, f.exponent(), 1e-12);
    assertEquals(1.0, f.rSquared(), 1e-12);
    assertEquals(1234.5, f.prefactor(), 1e-6);
    assertEquals(6, f.points());
  }

  @Test
  void exponentFitOnQuadraticDataIsTwo() {
    double[] t = {1, 2, 4, 8};
    double[] y = {3, 12, 48, 192};
    assertEquals(2.0, PowerFit.fit(t, y).orElseThrow().exponent(), 1e-12);
  }

  @Test
  void fitNeedsTwoDistinctPoints() {
    assertTrue(PowerFit.fit(new double[] {16}, new double[] {5}).isEmpty());
    assertTrue(PowerFit.fit(new double[] {16, 16}, new double[] {5, 6}).isEmpty());
  }

}
