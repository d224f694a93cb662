package org.bpttbench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MathTest {

  @Test
  void speedupRangeHonoursBothErrors() {
    // scalar 100 ± 10 ns, SIMD 25 ± 5 ns
    Ratio r = Ratio.speedupFromTimes(100, 10, 25, 5);
    assertEquals(4.0, r.value(), 1e-12);
    assertEquals(90.0 / 30.0, r.lo(), 1e-12);
    assertEquals(110.0 / 20.0, r.hi(), 1e-12);
  }

  @Test
  void speedupRangeIsOpenWhenTheErrorSwallowsTheScore() {
    Ratio r = Ratio.speedupFromTimes(100, 10, 5, 6);
    assertEquals(Double.POSITIVE_INFINITY, r.hi());
    assertEquals(0.0, Ratio.speedupFromTimes(10, 20, 5, 1).lo(), "never negative");
    Ratio unknown = Ratio.speedupFromTimes(100, Double.NaN, 25, 5);
    assertFalse(unknown.rangeKnown());
    assertEquals(4.0, unknown.value(), 1e-12);
  }

  @Test
  void throughputSpeedupIsSimdOverScalar() {
    Ratio r = Ratio.speedupFromThroughputs(10, 1, 30, 3);
    assertEquals(3.0, r.value(), 1e-12);
    assertEquals(27.0 / 11.0, r.lo(), 1e-12);
    assertEquals(33.0 / 9.0, r.hi(), 1e-12);
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

  @Test
  void outsideNoiseMeansDisjointIntervals() {
    assertTrue(Ratio.outsideNoise(200, 5, 100, 5));
    assertFalse(Ratio.outsideNoise(101, 2, 100, 2));
    assertFalse(Ratio.outsideNoise(200, Double.NaN, 100, 5));
  }
}
