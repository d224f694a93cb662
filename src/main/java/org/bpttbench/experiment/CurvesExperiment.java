package org.bpttbench.experiment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.bpttbench.analysis.DecayFit;
import org.bpttbench.bptt.LossMode;
import org.bpttbench.bptt.Reduction;
import org.bpttbench.cell.CellKind;
import org.bpttbench.kernel.Kernels;
import org.bpttbench.seq.Lru;
import org.bpttbench.seq.SequenceBptt;
import org.bpttbench.seq.SequenceKind;
import org.bpttbench.seq.SequenceSpec;

/**
 * The lesson's headline figure: ‖dL_T/dh_t‖ against t for RNN, GRU, LSTM and the LRU, and
 * ‖dL_T/dx_t‖ for causal attention, all with the same sizes (I, H, V, T), seed, input sequence and
 * target. The cells' W_hh follows the setup's init; the LRU is initialised on {@link #FIGURE_RING}
 * (N = H), attention as {@code nn.MultiheadAttention} (one head, E = H); both read the input
 * through a learned embedding when I ≠ H and end in the cells' read-out, drawn from
 * {@code new Random(seed)}.
 */
public final class CurvesExperiment {
  private CurvesExperiment() {}

  /**
   * The figure's LRU ring: the paper's long-range setting, |λ| in [0.9, 0.999], the one it
   * proposes for long dependencies; every mode then loses at most −10·log10 0.9 ≈ 0.46 decades
   * per 10 steps whatever the input.
   */
  public static final Lru.Ring FIGURE_RING = Lru.Ring.LONG_RANGE;

  /** The rings {@link LruSpectrum} compares: the figure's and the reference code's default. */
  public static final List<Lru.Ring> PROBE_RINGS = List.of(Lru.Ring.LONG_RANGE,
      Lru.Ring.REFERENCE);

  /** The sequence length of the {@link LruSpectrum} runs. */
  public static final int PROBE_STEPS = 1000;

  /** The factor the second {@link LruSpectrum} run multiplies the input by. */
  public static final double PROBE_SCALE = 10;

  public static CurvesResult run(CurvesConfig c, Kernels k) {
    Setup s = c.setup();
    float[] x = s.inputs(c.inputScale());
    List<GradnormResult> cells = new ArrayList<>();
    for (CellKind kind : CellKind.values()) {
      GradnormConfig g = new GradnormConfig(s.model(kind, c.activation()), x, c.target(),
          "generated", s);
      cells.add(GradnormExperiment.run(g, k));
    }
    List<CurveSeries> models = new ArrayList<>();
    for (SequenceKind kind : SequenceKind.values()) {
      models.add(curve(spec(kind, s, FIGURE_RING), x, s.steps(), c.target(), s.seed(), k));
    }
    List<LruSpectrum> spectra = new ArrayList<>();
    for (Lru.Ring ring : PROBE_RINGS) {
      spectra.add(spectrum(s, ring, c.inputScale(), c.target(), k));
    }
    return new CurvesResult(c, k.name(), cells, models, spectra);
  }

  /** The sequence model of the figure for this setup: N = H, one head, the given ring. */
  public static SequenceSpec spec(SequenceKind kind, Setup s, Lru.Ring ring) {
    return new SequenceSpec(kind, s.input(), s.hidden(), s.hidden(), 1, ring, s.classes());
  }

  /** {@code reference}, {@code long-range} or the ring's bounds. */
  public static String ringName(Lru.Ring ring) {
    return ring.equals(Lru.Ring.REFERENCE) ? "reference" : ring.equals(Lru.Ring.LONG_RANGE)
        ? "long-range" : "r in [" + ring.rMin() + ", " + ring.rMax() + "]";
  }

  /** How a sequence model of the figure is initialised, in words. */
  static String initName(SequenceSpec spec) {
    return spec.kind() == SequenceKind.LRU ? "ring " + ringName(spec.ring())
        : "nn.MultiheadAttention default";
  }

  /**
   * One sequence model's curve on {@code x} ({@code steps×I}) with the final-step loss against
   * {@code target}: the LRU's exact closed form ({@link Lru#log10GradNormCurve}), attention's
   * ‖dL_T/dx_t‖ from the float32 pass.
   */
  static CurveSeries curve(SequenceSpec spec, float[] x, int steps, int target, long seed,
                           Kernels k) {
    SequenceBptt b = spec.create(k, 1, steps, new Random(seed));
    double loss = b.run(x, 0, 1, steps, new int[] {target}, 0, LossMode.FINAL, Reduction.MEAN);
    double[] log10;
    if (b.model() instanceof Lru lru) {
      log10 = lru.log10GradNormCurve(0);
    } else {
      log10 = new double[steps];
      for (int t = 1; t <= steps; t++) {
        log10[t - 1] = Math.log10(b.stepGradNorm(t, 0));
      }
    }
    return new CurveSeries(spec.kind().id(), spec.kind() == SequenceKind.LRU ? CurveSeries.STATE
        : CurveSeries.INPUT, initName(spec), loss, log10, DecayFit.ofLog10(log10));
  }

  /** The LRU of this setup on {@code ring} over {@link #PROBE_STEPS}, input × 1 and × 10. */
  static LruSpectrum spectrum(Setup s, Lru.Ring ring, double scale, int target, Kernels k) {
    Setup longer = new Setup(s.hidden(), s.input(), s.classes(), PROBE_STEPS, s.init(), s.rho(),
        s.seed());
    SequenceSpec spec = spec(SequenceKind.LRU, s, ring);
    double[] far = new double[2];
    double[] moduli = null;
    for (int i = 0; i < 2; i++) {
      SequenceBptt b = spec.create(k, 1, PROBE_STEPS, new Random(s.seed()));
      b.run(longer.inputs(i == 0 ? scale : scale * PROBE_SCALE), 0, 1, PROBE_STEPS,
          new int[] {target}, 0, LossMode.FINAL, Reduction.MEAN);
      Lru lru = (Lru) b.model();
      double[] c = lru.log10GradNormCurve(0);
      far[i] = c[10] - c[0];
      moduli = lru.eigenvalueModuli();
    }
    return new LruSpectrum(ringName(ring), Arrays.stream(moduli).max().orElse(Double.NaN),
        Arrays.stream(moduli).min().orElse(Double.NaN), PROBE_STEPS, scale, far[0], far[1]);
  }

  /** Heap bytes of the sequence models' runs (one at a time), overflow-checked. */
  static long sequenceBytes(Setup s) {
    long most = spec(SequenceKind.LRU, s, FIGURE_RING).workspaceBytes(1, PROBE_STEPS);
    for (SequenceKind kind : SequenceKind.values()) {
      most = Math.max(most, spec(kind, s, FIGURE_RING).workspaceBytes(1, s.steps()));
    }
    return most;
  }
}
