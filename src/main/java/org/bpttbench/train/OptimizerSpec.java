package org.bpttbench.train;

import java.util.List;
import org.bpttbench.cell.EnumId;
import org.bpttbench.cell.Model;
import org.bpttbench.cell.Tensor;

/**
 * The optimizer and its hyper-parameters, with {@code torch.optim}'s names and defaults:
 * {@code SGD(lr, momentum=0, dampening=0, weight_decay=0, nesterov=False)},
 * {@code Adam(lr, betas=(0.9, 0.999), eps=1e-8, weight_decay=0)} (weight decay added to the
 * gradient) and {@code AdamW} (the same, weight decay decoupled: p ← p·(1 − lr·wd); PyTorch's
 * AdamW default weight_decay is 1e-2, here it must be given).
 */
public record OptimizerSpec(Kind kind, double lr, double momentum, double dampening,
                            boolean nesterov, double beta1, double beta2, double eps,
                            double weightDecay) {

  /** Which update rule. */
  public enum Kind implements EnumId {
    SGD, ADAM, ADAMW;

    public static Kind fromId(String id) {
      return EnumId.fromId(Kind.class, id, "optimizer");
    }
  }

  public OptimizerSpec {
    requireAtLeast("learning rate", lr, 0);
    requireAtLeast("momentum", momentum, 0);
    requireAtLeast("weight decay", weightDecay, 0);
    requireAtLeast("eps", eps, 0);
    if (!(beta1 >= 0 && beta1 < 1 && beta2 >= 0 && beta2 < 1)) {
      throw new IllegalArgumentException("betas must lie in [0, 1), got " + beta1 + "," + beta2);
    }
    if (nesterov && (momentum <= 0 || dampening != 0)) {
      throw new IllegalArgumentException("nesterov momentum requires a momentum and zero dampening");
    }
  }

  public static OptimizerSpec sgd(double lr, double momentum, double dampening, boolean nesterov,
                                  double weightDecay) {
    return new OptimizerSpec(Kind.SGD, lr, momentum, dampening, nesterov, 0.9, 0.999, 1e-8,
        weightDecay);
  }

  public static OptimizerSpec adam(double lr, double beta1, double beta2, double eps,
                                   double weightDecay) {
    return new OptimizerSpec(Kind.ADAM, lr, 0, 0, false, beta1, beta2, eps, weightDecay);
  }

  public static OptimizerSpec adamw(double lr, double beta1, double beta2, double eps,
                                    double weightDecay) {
    return new OptimizerSpec(Kind.ADAMW, lr, 0, 0, false, beta1, beta2, eps, weightDecay);
  }

  /** A fresh optimizer (zero state) updating {@code params} from {@code grads} (same shapes). */
  public Optimizer create(Model params, Model grads) {
    float[][] p = arrays(params);
    float[][] g = arrays(grads);
    return kind == Kind.SGD ? new Sgd(this, p, g) : new Adam(this, p, g);
  }

  /**
   * A fresh optimizer updating the tensors {@code params} from {@code grads} (same order and
   * shapes): for models that are not a {@link Model}, such as the sequence models.
   */
  public Optimizer create(List<Tensor> params, List<Tensor> grads) {
    if (params.size() != grads.size()) {
      throw new IllegalArgumentException(params.size() + " parameters, " + grads.size()
          + " gradients");
    }
    float[][] p = params.stream().map(Tensor::data).toArray(float[][]::new);
    float[][] g = grads.stream().map(Tensor::data).toArray(float[][]::new);
    return kind == Kind.SGD ? new Sgd(this, p, g) : new Adam(this, p, g);
  }

  private static float[][] arrays(Model m) {
    return m.tensors().stream().map(Tensor::data).toArray(float[][]::new);
  }

  private static void requireAtLeast(String what, double v, double min) {
    if (!(v >= min) || Double.isInfinite(v)) {
      throw new IllegalArgumentException(what + " must be a finite number >= " + min + ", got "
          + v);
    }
  }
}
