package org.bpttbench.cli;

import org.bpttbench.experiment.JacobianConfig;
import org.bpttbench.experiment.JacobianExperiment;
import org.bpttbench.experiment.JacobianResult;
import org.bpttbench.kernel.Kernels;
import org.bpttbench.output.JacobianFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "jacobian",
    description = {
        "Explicit Jacobian products: ||P(T-k,T)||_2 and spectral radius vs lag; Lyapunov"
            + " spectrum.",
        "",
        "Runs the cell forward over a standard normal input (x --input-scale), forms every step"
            + " Jacobian J_t = d state_t / d state_{t-1} explicitly (H x H; 2H x 2H for lstm's"
            + " (h, c)), multiplies them with the kernels' gemm into P(T-k, T) = J_T ..."
            + " J_{T-k+1} for k = 0..T (exact beyond float range: power-of-two renormalisation),"
            + " and measures ||P||_2 (power iteration) and its spectral radius (Commons Math"
            + " eigenvalues), beside rho(W_hh)^k and sigma_max(W_hh)^k (the Pascanu et al. bound"
            + " for tanh; rnn only). The Lyapunov exponents of the trajectory come from QR"
            + " re-orthonormalisation of J_t ... J_1 (finite-time: T steps). The Jacobian may"
            + " have at most 512 rows.", ""},
    footer = {"", "Writes DIR/jacobian.csv (lag,norm2,spectral_radius,rho_pow_lag,"
        + "sigma_max_pow_lag), DIR/jacobian.png (log y), DIR/lyapunov.csv (index,"
        + "exponent_per_step,decades_per_10_steps), DIR/lyapunov.png, DIR/summary.json."})
final class JacobianCommand extends ExperimentCommand<JacobianResult> {
  JacobianCommand() {
    super(JacobianFiles.INSTANCE);
  }

  @Mixin
  Options.Cell cell = new Options.Cell();

  @Mixin
  Options.Drive drive = new Options.Drive();

  @Override
  JacobianResult run(Kernels k) {
    return JacobianExperiment.run(new JacobianConfig(setup.setup(), cell.kind(),
        drive.activation(), drive.inputScale), k);
  }
}
