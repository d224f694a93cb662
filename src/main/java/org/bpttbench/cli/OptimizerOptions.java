package org.bpttbench.cli;

import java.util.List;
import org.bpttbench.train.OptimizerSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The hyper-parameters of {@code --optimizer} ({@link TrainingOptions}), with torch.optim's names
 * and defaults: with them, an {@link OptimizerSpec}.
 */
final class OptimizerOptions {
  private static final List<String> SGD_ONLY = List.of("--momentum", "--dampening", "--nesterov");
  private static final List<String> ADAM_ONLY = List.of("--betas", "--eps");

  @Option(names = "--momentum", paramLabel = "M", defaultValue = "0",
      converter = Ranges.NonNegative.class, description = "sgd momentum (default ${DEFAULT-VALUE})")
  double momentum;

  @Option(names = "--dampening", paramLabel = "D", defaultValue = "0",
      converter = Ranges.Fraction.class, description = "sgd dampening (default ${DEFAULT-VALUE})")
  double dampening;

  @Option(names = "--nesterov", description = "sgd with Nesterov momentum")
  boolean nesterov;

  @Option(names = "--betas", paramLabel = "B1,B2", split = ",", hideParamSyntax = true,
      converter = Ranges.Fraction.class,
      description = "adam/adamw betas (default 0.9,0.999)")
  double[] betas = {0.9, 0.999};

  @Option(names = "--eps", paramLabel = "E", defaultValue = "1e-8",
      converter = Ranges.NonNegative.class, description = "adam/adamw eps (default ${DEFAULT-VALUE})")
  double eps;

  @Option(names = "--weight-decay", paramLabel = "W", defaultValue = "0",
      converter = Ranges.NonNegative.class, description = "sgd and adam: added to the gradient"
      + " (W*p); adamw: decoupled, p <- p*(1 - lr*W) (default ${DEFAULT-VALUE})")
  double weightDecay;

  /** The optimizer; refuses the other optimizers' options and betas outside [0, 1). */
  OptimizerSpec spec(CommandSpec command, OptimizerSpec.Kind optimizer, double lr) {
    Options.refuseGiven(command, optimizer == OptimizerSpec.Kind.SGD ? ADAM_ONLY : SGD_ONLY,
        "does not apply to --optimizer " + optimizer.id());
    if (betas.length != 2 || betas[0] >= 1 || betas[1] >= 1) {
      throw new ParameterException(command.commandLine(), "--betas expects two numbers in [0, 1)"
          + " such as 0.9,0.999");
    }
    switch (optimizer) {
      case SGD:
        return OptimizerSpec.sgd(lr, momentum, dampening, nesterov, weightDecay);
      case ADAM:
        return OptimizerSpec.adam(lr, betas[0], betas[1], eps, weightDecay);
      default:
        return OptimizerSpec.adamw(lr, betas[0], betas[1], eps, weightDecay);
    }
  }
}
