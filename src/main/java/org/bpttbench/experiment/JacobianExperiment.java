package org.bpttbench.experiment;

import org.bpttbench.analysis.JacobianProducts;
import org.bpttbench.analysis.Lyapunov;
import org.bpttbench.analysis.SpectralNorm;
import org.bpttbench.analysis.Spectra;
import org.bpttbench.analysis.StepJacobian;
import org.bpttbench.cell.CellKind;
import org.bpttbench.cell.Cells;
import org.bpttbench.cell.Model;
import org.bpttbench.cell.RecurrentCell;
import org.bpttbench.kernel.Kernels;

/** Explicit step Jacobians of one trajectory, their products (SIMD GEMM) and spectra. */
public final class JacobianExperiment {
  private JacobianExperiment() {}

  public static JacobianResult run(JacobianConfig c, Kernels k) {
    Setup s = c.setup();
    int steps = s.steps();
    Model m = s.model(c.cell(), c.activation());
    RecurrentCell cell = Cells.create(m, k, steps);
    float[] x = s.inputs(c.inputScale());
    cell.forward(x, 0, steps);
    StepJacobian sj = new StepJacobian(m, k);
    int d = sj.size();
    float[] jacs = new float[steps * d * d];
    for (int t = 1; t <= steps; t++) {
      sj.compute(cell.states(), x, 0, t, jacs, (t - 1) * d * d);
    }
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
