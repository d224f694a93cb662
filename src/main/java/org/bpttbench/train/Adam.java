package org.bpttbench.train;

/**
 * {@code torch.optim.Adam} and {@code AdamW} ({@code _single_tensor_adam(w)} of PyTorch 1.13, the
 * CPU default), per entry in float32 with the step-dependent scalars in double as PyTorch's Python
 * code computes them:
 * <pre>
 *   AdamW: p = p·(1 − lr·wd)                  Adam: g = g + wd·p
 *   m = β1·m + (1 − β1)·g                      v = β2·v + (1 − β2)·g²
 *   p = p − (lr / (1 − β1^t)) · m / (√v / √(1 − β2^t) + eps)
 * </pre>
 */
final class Adam implements Optimizer {
  private final OptimizerSpec spec;
  private final float beta1;
  private final float beta2;
  private final float oneMinusBeta1;
  private final float oneMinusBeta2;
  private final float eps;
  private final float weightDecay;
  private final boolean decoupled;
  private final float[][] params;
  private final float[][] grads;
  private final float[][] m;
  private final float[][] v;
  private int step;

  Adam(OptimizerSpec spec, float[][] params, float[][] grads) {
    this.spec = spec;
    this.beta1 = (float) spec.beta1();
    this.beta2 = (float) spec.beta2();
    this.oneMinusBeta1 = (float) (1 - spec.beta1());
    this.oneMinusBeta2 = (float) (1 - spec.beta2());
    this.eps = (float) spec.eps();
    this.weightDecay = (float) spec.weightDecay();
    this.decoupled = spec.kind() == OptimizerSpec.Kind.ADAMW;
    this.params = params;
    this.grads = grads;
    this.m = new float[params.length][];
    this.v = new float[params.length][];
    for (int i = 0; i < m.length; i++) {
      m[i] = new float[params[i].length];
      v[i] = new float[params[i].length];
    }
  }

  @Override
  public void step() {
    step++;
    double stepSize = spec.lr() / (1 - Math.pow(spec.beta1(), step));
    float bc2Sqrt = (float) Math.sqrt(1 - Math.pow(spec.beta2(), step));
    float decay = (float) (1 - spec.lr() * spec.weightDecay());
    for (int i = 0; i < m.length; i++) {
      float[] p = params[i];
      if (decoupled && weightDecay != 0f) {
        for (int j = 0; j < p.length; j++) {
          p[j] *= decay;
        }
      }
      update(p, grads[i], m[i], v[i], (float) -stepSize, bc2Sqrt);
    }
  }

  private void update(float[] p, float[] grad, float[] m, float[] v, float negStep,
                      float bc2Sqrt) {
    float wd = decoupled ? 0f : weightDecay;
    for (int j = 0; j < p.length; j++) {
      float g = wd != 0f ? grad[j] + wd * p[j] : grad[j];
      m[j] = beta1 * m[j] + oneMinusBeta1 * g;
      v[j] = beta2 * v[j] + oneMinusBeta2 * g * g;
      float denom = (float) Math.sqrt(v[j]) / bc2Sqrt + eps;
      p[j] += negStep * m[j] / denom;
    }
  }
}
