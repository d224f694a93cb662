package org.bpttbench.output;

import java.util.List;
import java.util.Optional;
import org.bpttbench.cell.Activation;
import org.bpttbench.experiment.Setup;
import org.bpttbench.experiment.SweepConfig;
import org.bpttbench.experiment.SweepResult;

/**
 * sweep's {@code summary.json}: written from the result ({@link #of}) and read back by the report,
 * the same record both ways (keys are the components in snake_case). The sweep sets its own ρ per
 * run, so the setup's is not written.
 */
public record SweepSummary(String experiment, String backend, long seed, int hidden, int input,
                           int classes, int steps, String init, String biases,
                           double smallInputScale, double largeInputScale, int probeLag,
                           String tanhReference, String reluReference, List<Run> runs) {

  /**
   * One run at the probe lag. The ratio, its prediction (null for relu: none) and bound are
   * text, exact beyond double's range ({@link Numbers#fullLog10}).
   */
  public record Run(String activation, String regime, double rho, double spectralRadiusMeasured,
                    double sigmaMax, double maxAbsH, double meanActivationDerivative, int target,
                    String ratioAtProbeLag, String predictionAtProbeLag,
                    String measuredOverPredicted, String upperBoundAtProbeLag) {

    /** The ratio at the probe lag: 0 below double's range, NaN when missing. */
    public double ratioAtProbeLagAsDouble() {
      return ratioAtProbeLag == null ? Double.NaN : Numbers.parse(ratioAtProbeLag);
    }
  }

  static SweepSummary of(SweepResult r) {
    SweepConfig c = r.config();
    Setup s = c.setup();
    int probe = c.probeLag();
    List<Run> runs = r.runs().stream().map(run -> {
      double ratio = run.log10Ratio()[probe];
      double p = run.log10Prediction(probe);
      return new Run(run.activation().id(), run.regime().id, run.rho(), run.radius(),
          run.sigmaMax(), run.maxAbsH(), run.meanDerivative(), run.target(),
          Numbers.fullLog10(ratio), Double.isNaN(p) ? null : Numbers.fullLog10(p),
          Double.isNaN(p) ? null : Numbers.fullLog10(ratio - p),
          Numbers.fullLog10(run.log10Bound(probe)));
    }).toList();
    return new SweepSummary("sweep", r.backend(), s.seed(), s.hidden(), s.input(), s.classes(),
        s.steps(), s.init().id(), "zero", c.smallScale(), c.largeScale(), probe,
        SweepFiles.REFERENCE.get(Activation.TANH), SweepFiles.REFERENCE.get(Activation.RELU)
            + "; with zero biases relu(a z) = a relu(z), so both regimes have the same masks"
            + " (mean_activation_derivative)", runs);
  }

  /** The run of {@code activation} in {@code regime} at {@code rho}. */
  public Optional<Run> run(String activation, String regime, double rho) {
    return runs.stream().filter(r -> r.activation().equals(activation)
        && r.regime().equals(regime) && Math.abs(r.rho() - rho) < 1e-9).findFirst();
  }
}
