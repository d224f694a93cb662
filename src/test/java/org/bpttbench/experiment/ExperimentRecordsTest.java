package org.bpttbench.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.bpttbench.analysis.InitScheme;
import org.bpttbench.bptt.LossMode;
import org.bpttbench.bptt.Reduction;
import org.bpttbench.seq.Lru;
import org.bpttbench.seq.SequenceBptt;
import org.bpttbench.seq.SequenceKind;
import org.bpttbench.cell.Activation;
import org.bpttbench.cell.CellKind;
import org.bpttbench.kernel.KernelProvider;
import org.bpttbench.kernel.Kernels;
import org.junit.jupiter.api.Test;

/** The science of curves, saturation, jacobian and clip, checked on their result records. */
class ExperimentRecordsTest {
  private static final Kernels K = KernelProvider.forName("scalar");

  @Test
  void curvesAreEachCellsGradnormOnTheSameInput() {
    Setup s = new Setup(8, 3, 4, 12, InitScheme.PYTORCH, 1.0, 42);
    CurvesResult r = CurvesExperiment.run(new CurvesConfig(s, Activation.TANH, 0, 1.0), K);
    assertEquals(List.of(CellKind.RNN, CellKind.GRU, CellKind.LSTM),
        r.cells().stream().map(GradnormResult::cell).toList());
    GradnormResult gru = GradnormExperiment.run(GradnormConfig.generated(s, CellKind.GRU,
        Activation.TANH, 1.0, 0), K);
    assertArrayEquals(gru.log10Norms(), r.cells().get(1).log10Norms(), 0);
    assertNotNull(r.cells().get(2).log10CellNorms(), "lstm carries the cell-state curve");
    assertNull(r.cells().get(0).log10CellNorms());
    for (GradnormResult g : r.cells()) {
      assertTrue(Double.isFinite(g.fit().decadesPer10Steps), g.cell().id());
    }
  }

  @Test
  void curvesAddTheLruOnTheLongRangeRingAndAttentionOnTheSameInput() {
    Setup s = new Setup(8, 3, 4, 12, InitScheme.PYTORCH, 1.0, 42);
    CurvesResult r = CurvesExperiment.run(new CurvesConfig(s, Activation.TANH, 0, 1.0), K);
    assertEquals(List.of("rnn", "gru", "lstm", "lru", "attention"),
        r.series().stream().map(CurveSeries::model).toList());
    assertEquals(List.of("h_t", "h_t", "h_t", "h_t", "x_t"),
        r.series().stream().map(CurveSeries::gradient).toList());
    CurveSeries lru = r.models().get(0);
    assertEquals("ring long-range", lru.init());
    // the same model again, by hand: the figure's spec, the seed's Random, the setup's input
    SequenceBptt again = CurvesExperiment.spec(SequenceKind.LRU, s, Lru.Ring.LONG_RANGE)
        .create(K, 1, 12, new java.util.Random(42));
    double loss = again.run(s.inputs(1.0), 0, 1, 12, new int[] {0}, 0, LossMode.FINAL,
        Reduction.MEAN);
    assertEquals(loss, lru.loss(), 0);
    assertArrayEquals(((Lru) again.model()).log10GradNormCurve(0), lru.log10Norms(), 0);
    // on the long-range ring every mode keeps at least 0.9 per step: at most 0.46 decades per 10
    assertTrue(lru.fit().decadesPer10Steps < 0.46, lru.fit().toString());
    CurveSeries att = r.models().get(1);
    for (int t = 1; t <= 12; t++) {
      assertEquals(Math.log10(attentionNorm(s, t)), att.log10Norm(t), 1e-12);
    }
    for (LruSpectrum p : r.spectra()) {
      // the far end of 1000 steps is dominated by the largest |λ|: within 25 % of its decay
      assertEquals(1, p.farDecay() / p.predictedDecay(), 0.25, p.toString());
      assertTrue(p.maxModulus() < 1 && p.minModulus() > 0 && p.fastestDecay() > p.farDecay());
    }
    assertEquals(List.of("long-range", "reference"),
        r.spectra().stream().map(LruSpectrum::ring).toList());
  }

  private static double attentionNorm(Setup s, int t) {
    SequenceBptt b = CurvesExperiment.spec(SequenceKind.ATTENTION, s, Lru.Ring.LONG_RANGE)
        .create(K, 1, 12, new java.util.Random(42));
    b.run(s.inputs(1.0), 0, 1, 12, new int[] {0}, 0, LossMode.FINAL, Reduction.MEAN);
    return b.stepGradNorm(t, 0);
  }

  @Test
  void saturationGrowsWithTheInputAndLessGradientSurvives() {
    Setup s = new Setup(8, 3, 4, 32, InitScheme.ORTHOGONAL, 1.0, 42);
    SaturationResult r = SaturationExperiment.run(new SaturationConfig(s,
        new double[] {0.01, 1, 30}, 0.99, 0), K);
    SaturationResult.Point low = r.points().get(0);
    SaturationResult.Point high = r.points().get(2);
    assertTrue(high.saturatedFraction() > low.saturatedFraction(), r.toString());
    assertTrue(high.meanTanhDerivative() < low.meanTanhDerivative());
    assertTrue(high.log10SurviveLong() < low.log10SurviveLong());
    assertThrows(IllegalArgumentException.class, () -> new SaturationConfig(
        new Setup(8, 3, 4, 20, InitScheme.ORTHOGONAL, 1.0, 42), new double[] {1}, 0.99, 0));
  }

  /** P(T, T) = I; for tanh every step norm is at most σ_max(W_hh), so ‖P‖ ≤ σ_max^k. */
  @Test
  void jacobianProductsStartAtIdentityAndStayBelowTheBound() {
    Setup s = new Setup(8, 3, 4, 10, InitScheme.GAUSS, 1.2, 42);
    JacobianResult r = JacobianExperiment.run(new JacobianConfig(s, CellKind.RNN,
        Activation.TANH, 1.0), K);
    assertEquals(0, r.log10Norm()[0], 1e-6);
    assertEquals(0, r.log10Radius()[0], 1e-6);
    assertEquals(8, r.lyapunov().length);
    for (int lag = 1; lag <= 10; lag++) {
      assertTrue(r.log10Norm()[lag] <= lag * Math.log10(r.wSigma()) + 1e-5, "lag " + lag);
    }
    assertThrows(IllegalArgumentException.class, () -> new JacobianConfig(
        new Setup(300, 3, 4, 10, InitScheme.GAUSS, 1, 42), CellKind.LSTM, Activation.TANH, 1));
  }

  @Test
  void clipKeepsEveryClippedNormAtMostMaxNormAndBothRunsStartAlike() {
    Setup s = new Setup(16, 4, 5, 20, InitScheme.ORTHOGONAL, 2.5, 42);
    ClipResult r = ClipExperiment.run(new ClipConfig(s, Activation.RELU, 0.1, 6, 0.5, 1, 0), K);
    assertEquals(7, r.lossPlain().length);
    assertEquals(r.lossPlain()[0], r.lossClipped()[0]);
    assertEquals(r.normPlain()[0], r.normBefore()[0]);
    for (int u = 0; u < 7; u++) {
      if (Double.isFinite(r.normBefore()[u])) {
        assertTrue(r.normAfter()[u] <= Math.min(r.normBefore()[u], 0.5) * (1 + 1e-5), "u " + u);
      }
    }
  }

  @Test
  void clipOutcomeHelpersReadTheRun() {
    double[] loss = {2, 1, Double.POSITIVE_INFINITY, Double.NaN};
    double[] norm = {5, 7, 9, Double.NaN};
    assertEquals(2, ClipResult.firstNonFinite(loss, norm));
    assertEquals(9, ClipResult.maxFinite(norm));
    assertNull(ClipResult.firstNonFinite(new double[] {2, 1}, new double[] {3, 0}));
    assertEquals(2, ClipResult.stalledFrom(new double[] {3, 1, 0, 0}));
    assertNull(ClipResult.stalledFrom(new double[] {3, 0, 1}));
  }
}
