package org.bpttbench.experiment;

import org.bpttbench.analysis.JacobianProducts;
import org.bpttbench.analysis.Lyapunov;
import org.bpttbench.analysis.SpectralNorm;
import org.bpttbench.analysis.Spectra;
import org.bpttbench.analysis.StepJacobian;
import org.bpttbench.cell.CellKind;
import org.bpttbench.cell.Model;
import org.bpttbench.kernel.Kernels;

/** Explicit step Jacobians of one trajectory, their products (SIMD GEMM) and spectra. */
public final class JacobianExperiment {
  private JacobianExperiment() {}

  public static JacobianResult run(JacobianConfig c, Kernels k) {
    Setup s = c.setup();
    int steps = s.steps();
    Model m = s.model(c.cell(), c.activation());
    int d = m.kind.stateVectors * m.hiddenSize;
    float[] jacs = StepJacobian.alongForwardPass(m, k, s.inputs(c.inputScale()), steps);
    JacobianProducts prod = new JacobianProducts(k, d, steps);
    prod.fromEnd(jacs, steps);
    SpectralNorm power = new SpectralNorm(k, d);
    double[] norm = new double[steps + 1];
    double[] radius = new double[steps + 1];
    for (int lag = 0; lag <= steps; lag++) {
      norm[lag] = prod.log10SpectralNorm(lag, power);
      try {
        radius[lag] = prod.log10SpectralRadius(lag);
      } catch (RuntimeException e) { // Commons Math's eigen solver may fail to converge
        radius[lag] = Double.NaN;
      }
    }
    boolean rnn = c.cell() == CellKind.RNN;
    double wRadius = rnn ? Spectra.spectralRadius(m.weightHh.data(), 0, s.hidden()) : Double.NaN;
    double wSigma = rnn ? Spectra.spectralNorm(m.weightHh.data(), 0, s.hidden()) : Double.NaN;
    JacobianProducts forward = new JacobianProducts(k, d, steps);
    forward.fromStart(jacs, steps);
    double growth = forward.log10SpectralNorm(steps, power) * Math.log(10) / steps;
    return new JacobianResult(c, k.name(), norm, radius, wRadius, wSigma,
        Lyapunov.spectrum(jacs, d, steps), growth);
  }
}
